using Messaging.Security;

namespace Messaging.EmailQueue.Delivery;

public sealed class SmtpEndpointResolver(ISmtpSettingsRepository settings, ISecretProtector protector) : ISmtpEndpointResolver
{
    public async Task<SmtpEndpoint?> ResolveAsync(CancellationToken cancellationToken)
    {
        var smtp = await settings.FindAsync(cancellationToken);
        return smtp is null
            ? null
            : new SmtpEndpoint(smtp.Host, smtp.Port, smtp.TlsMode, smtp.UserName,
                smtp.ProtectedPassword is null ? null : protector.Unprotect(smtp.ProtectedPassword), smtp.From);
    }
}
