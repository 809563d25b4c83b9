using Messaging.ExceptionHandling;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

public sealed class MessageCallbackAppService(
    ICurrentTenant currentTenant,
    IStatusCallbackRepository callbacks,
    StatusCallbackLookup lookup,
    ISecretProtector protector,
    IOptionsMonitor<OutboundAddressOptions> network,
    TimeProvider clock) : IMessageCallbackAppService
{
    public async Task<MessageCallbackDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var callback = await callbacks.FindAsync(tenantId, cancellationToken) ?? throw NotFound(tenantId);
        return ToDto(callback, revealedSecret: null);
    }

    public async Task<MessageCallbackDto> SetAsync(SetMessageCallbackDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var errors = StatusCallbackUrlValidator.Validate(input, network.CurrentValue.AllowPrivateNetworks, out var url);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var callback = await callbacks.FindAsync(tenantId, cancellationToken);
        string? revealed = null;
        if (callback is null)
        {
            var secret = input.Secret ?? (revealed = StatusCallbackSecret.Generate());
            callback = new StatusCallback(tenantId, url!, Protect(secret), now);
            callbacks.Add(callback);
        }
        else
        {
            callback.ChangeUrl(url!, now);
            if (input.Secret is not null)
            {
                callback.ReplaceSecret(Protect(input.Secret), now);
            }
        }

        await callbacks.SaveChangesAsync(cancellationToken);
        await lookup.ForgetAsync(tenantId, cancellationToken);
        return ToDto(callback, revealed);
    }

    public async Task<MessageCallbackDto> RotateSecretAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var callback = await callbacks.FindAsync(tenantId, cancellationToken) ?? throw NotFound(tenantId);
        var secret = StatusCallbackSecret.Generate();
        callback.ReplaceSecret(Protect(secret), clock.GetUtcNow().UtcDateTime);
        await callbacks.SaveChangesAsync(cancellationToken);
        return ToDto(callback, secret);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var callback = await callbacks.FindAsync(tenantId, cancellationToken) ?? throw NotFound(tenantId);
        callbacks.Remove(callback);
        await callbacks.SaveChangesAsync(cancellationToken);
        await lookup.ForgetAsync(tenantId, cancellationToken);
    }

    private string Protect(string secret) => protector.Protect(secret);

    private static MessageCallbackDto ToDto(StatusCallback callback, string? revealedSecret) =>
        new(callback.Url, callback.CreatedAt, callback.UpdatedAt, callback.SecretCreatedAt, revealedSecret);

    private static EntityNotFoundException NotFound(Guid tenantId) => new("Status callback of tenant", tenantId);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Status callbacks belong to tenants: call with a tenant's API key.");
}
