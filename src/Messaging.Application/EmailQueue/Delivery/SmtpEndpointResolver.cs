using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Delivery;

/// <summary>A tenant's server from its stored settings; the host's own mail's from <c>EmailQueue:HostSmtp</c>.</summary>
public sealed class SmtpEndpointResolver(
    ISmtpSettingsRepository settings,
    ISecretProtector protector,
    ICurrentTenant currentTenant,
    IOptionsMonitor<EmailQueueOptions> options) : ISmtpEndpointResolver
{
    public async Task<SmtpEndpoint?> ResolveAsync(CancellationToken cancellationToken)
    {
        if (currentTenant.Id == EmailQueueConsts.HostMailTenantId)
        {
            return options.CurrentValue.HostSmtp?.ToEndpoint();
        }

        var smtp = await settings.FindAsync(cancellationToken);
        return smtp is null
            ? null
            : new SmtpEndpoint(smtp.Host, smtp.Port, smtp.TlsMode, smtp.UserName,
                smtp.ProtectedPassword is null ? null : protector.Unprotect(smtp.ProtectedPassword), smtp.From);
    }
}
