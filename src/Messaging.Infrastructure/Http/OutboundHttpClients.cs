namespace Messaging.Infrastructure.Http;

/// <summary>Names of the HttpClients that call out of the platform.</summary>
public static class OutboundHttpClients
{
    /// <summary>
    /// For addresses a tenant supplied (provider base URLs, webhook recipients, status callbacks): its connections go
    /// through the SSRF guard, which refuses private, loopback and link-local addresses unless the host admin allows them.
    /// </summary>
    public const string TenantSupplied = "tenant-supplied";
}
