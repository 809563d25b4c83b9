namespace Messaging.EmailQueue.Delivery;

/// <summary>The current tenant's SMTP server with its secret readable, or null for the embedded pickup folder.</summary>
public interface ISmtpEndpointResolver
{
    Task<SmtpEndpoint?> ResolveAsync(CancellationToken cancellationToken);
}
