using System.Net;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Admin;

public sealed class EmailSmtpSettingsAppService(
    ICurrentTenant currentTenant,
    ISmtpSettingsRepository repository,
    ISecretProtector protector,
    IUnitOfWork unitOfWork,
    IOptionsMonitor<OutboundAddressOptions> addresses,
    TimeProvider clock) : IEmailSmtpSettingsAppService
{
    public async Task<SmtpSettingsDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        return ToDto(await repository.FindAsync(cancellationToken) ?? throw new EntityNotFoundException("SmtpSettings", tenantId));
    }

    public async Task<SmtpSettingsDto> SetAsync(SetSmtpSettingsDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        Validate(input);
        var saved = await unitOfWork.RunAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var smtp = await repository.FindAsync(token);
            if (smtp is null)
            {
                smtp = new SmtpSettings(tenantId, now);
                repository.Add(smtp);
            }

            var protectedPassword = string.IsNullOrEmpty(input.Password) ? null : protector.Protect(input.Password);
            smtp.Change(input.Host!.Trim(), input.Port!.Value, input.TlsMode ?? SmtpTlsMode.Auto, NullIfEmpty(input.UserName), protectedPassword,
                keepPassword: input.Password is null, NullIfEmpty(input.From), now);
            return smtp;
        }, cancellationToken);
        return ToDto(saved);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        await unitOfWork.RunAsync(async token =>
        {
            repository.Remove(await repository.FindAsync(token) ?? throw new EntityNotFoundException("SmtpSettings", tenantId));
            return true;
        }, cancellationToken);
    }

    private void Validate(SetSmtpSettingsDto input)
    {
        var allowed = addresses.CurrentValue;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Host) || input.Host.Length > EmailQueueConsts.MaxHostLength
            || Uri.CheckHostName(input.Host.Trim()) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            errors["host"] = [$"The host must be a host name or an IP address of at most {EmailQueueConsts.MaxHostLength} characters."];
        }
        else if (!allowed.AllowPrivateNetworks && IPAddress.TryParse(input.Host.Trim().Trim('[', ']'), out var literal) && !AddressClassifier.IsPublic(literal))
        {
            // Names are checked when connecting, where they resolve; an address literal can be refused now.
            errors["host"] = ["The host must be reachable on the public internet."];
        }

        if (input.Port is not (>= 1 and <= 65535))
        {
            errors["port"] = ["The port is required, from 1 to 65535 (587 for STARTTLS, 465 for implicit TLS)."];
        }
        else if (!allowed.AllowPrivateNetworks && !allowed.EffectiveAllowedSmtpPorts.Contains(input.Port.Value))
        {
            errors["port"] = [$"The port must be one of {string.Join(", ", allowed.EffectiveAllowedSmtpPorts.Order())}."];
        }

        if (input.UserName is { Length: > EmailQueueConsts.MaxSmtpUserNameLength })
        {
            errors["userName"] = [$"The user name must be at most {EmailQueueConsts.MaxSmtpUserNameLength} characters."];
        }

        if (input.Password is { Length: > EmailQueueConsts.MaxSmtpPasswordLength })
        {
            errors["password"] = [$"The password must be at most {EmailQueueConsts.MaxSmtpPasswordLength} characters."];
        }

        if (!string.IsNullOrEmpty(input.From) && (input.From.Length > EmailQueueConsts.MaxAddressLength || !EmailPayloadErrors.IsAddress(input.From)))
        {
            errors["from"] = ["The sender must be an email address, such as shop@example.com."];
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }
    }

    private static SmtpSettingsDto ToDto(SmtpSettings smtp) =>
        new(smtp.Host, smtp.Port, smtp.TlsMode, smtp.UserName, smtp.ProtectedPassword is not null, smtp.From, smtp.UpdatedAt);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("SMTP settings belong to tenants: call with a tenant's API key.");
}
