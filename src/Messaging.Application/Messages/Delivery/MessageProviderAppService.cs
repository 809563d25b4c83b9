using System.Text.Json;
using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Delivery;

public sealed class MessageProviderAppService(
    ICurrentTenant currentTenant,
    IProviderConfigurationRepository configurations,
    ISandboxDeliveryRepository sandbox,
    IEnumerable<IMessageSender> senders,
    ISecretProtector protector,
    ProviderEndpointCache endpoints,
    IOptionsMonitor<OutboundAddressOptions> options,
    TimeProvider clock) : IMessageProviderAppService
{
    private readonly IReadOnlyList<IMessageSender> _senders = senders.ToList();

    public IReadOnlyList<MessageProviderDto> GetProviders() =>
        _senders
            .OrderBy(s => s.Provider, StringComparer.Ordinal)
            .Select(s => new MessageProviderDto(s.Provider, Enum.GetValues<MessageChannel>().Where(s.Supports).ToList()))
            .ToList();

    public async Task<IReadOnlyList<ProviderConfigurationDto>> GetConfigurationsAsync(CancellationToken cancellationToken = default)
    {
        var stored = await configurations.GetListAsync(RequireTenant(), cancellationToken);
        return stored.OrderBy(c => c.Channel).Select(ToDto).ToList();
    }

    public async Task<ProviderConfigurationDto> SetConfigurationAsync(MessageChannel channel, SetProviderConfigurationDto input,
        CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var existing = Enum.IsDefined(channel) ? await configurations.FindAsync(tenantId, channel, cancellationToken) : null;
        var change = ProviderConfigurationValidator.Validate(channel, input, existing, _senders, options.CurrentValue.AllowPrivateNetworks);

        var now = clock.GetUtcNow().UtcDateTime;
        var configuration = existing;
        if (configuration is null)
        {
            configuration = new ProviderConfiguration(Guid.CreateVersion7(), tenantId, channel, change.Provider, now);
            await configurations.InsertAsync(configuration, cancellationToken);
        }

        configuration.Change(change.Provider, change.BaseUrl, change.SenderId,
            Apply(change.Credential, existing?.ProtectedCredential),
            Apply(change.SigningSecret, existing?.ProtectedSigningSecret),
            now);
        await configurations.SaveChangesAsync(cancellationToken);
        await endpoints.ForgetAsync(tenantId, channel, cancellationToken);
        return ToDto(configuration);
    }

    public async Task DeleteConfigurationAsync(MessageChannel channel, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var configuration = await configurations.FindAsync(tenantId, channel, cancellationToken)
            ?? throw new EntityNotFoundException("ProviderConfiguration", channel);
        configurations.Delete(configuration);
        await configurations.SaveChangesAsync(cancellationToken);
        await endpoints.ForgetAsync(tenantId, channel, cancellationToken);
    }

    public async Task<PagedResultDto<SandboxDeliveryDto>> GetSandboxDeliveriesAsync(GetSandboxDeliveriesInput input,
        CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        if (input.SkipCount < 0 || input.MaxResultCount < 1 || input.MaxResultCount > ProviderConfigurationConsts.MaxSandboxPageSize)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["maxResultCount"] = [$"skipCount must be 0 or more and maxResultCount between 1 and {ProviderConfigurationConsts.MaxSandboxPageSize}."]
            });
        }

        var (total, items) = await sandbox.GetListAsync(tenantId, input.MessageId, input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<SandboxDeliveryDto>(total, items.Select(d => new SandboxDeliveryDto(
            d.Id, d.MessageId, d.Channel, d.Recipient, d.Content,
            d.MetadataJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(d.MetadataJson),
            d.Attempt, d.RecordedAt)).ToList());
    }

    private string? Apply(SecretChange change, string? stored) => change.Kind switch
    {
        SecretChangeKind.Keep => stored,
        SecretChangeKind.Replace => protector.Protect(change.Value!),
        _ => null
    };

    private static ProviderConfigurationDto ToDto(ProviderConfiguration configuration) => new(
        configuration.Channel,
        configuration.Provider,
        configuration.BaseUrl,
        configuration.SenderId,
        configuration.ProtectedCredential is not null,
        configuration.ProtectedSigningSecret is not null,
        configuration.UpdatedAt);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Provider settings belong to a tenant: call with a tenant's API key.");
}
