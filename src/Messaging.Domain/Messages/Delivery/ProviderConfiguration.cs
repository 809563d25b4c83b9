namespace Messaging.Messages.Delivery;

/// <summary>
/// The provider a tenant chose for one channel, with where and as whom to send. Credential and signing secret are kept
/// only in their protected form; the domain never sees them in clear outside an <see cref="ProviderEndpoint"/>.
/// </summary>
public sealed class ProviderConfiguration
{
    private ProviderConfiguration()
    {
        Provider = null!;
    }

    public ProviderConfiguration(Guid id, Guid tenantId, MessageChannel channel, string provider, DateTime createdAt)
    {
        Id = id;
        TenantId = tenantId;
        Channel = channel;
        Provider = provider;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Provider { get; private set; }
    public string? BaseUrl { get; private set; }
    public string? SenderId { get; private set; }
    public string? ProtectedCredential { get; private set; }
    public string? ProtectedSigningSecret { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// Whether the stored credential may stay: it was given for one provider at one address, and sending it anywhere else
    /// (say, to a base URL someone holding only a tenant API key just changed) would hand it to whoever runs that address.
    /// </summary>
    public bool KeepsCredentialFor(string provider, string? baseUrl) =>
        string.Equals(Provider, provider, StringComparison.Ordinal) && string.Equals(BaseUrl, baseUrl, StringComparison.Ordinal);

    public void Change(string provider, string? baseUrl, string? senderId, string? protectedCredential, string? protectedSigningSecret, DateTime now)
    {
        Provider = provider;
        BaseUrl = baseUrl;
        SenderId = senderId;
        ProtectedCredential = protectedCredential;
        ProtectedSigningSecret = protectedSigningSecret;
        UpdatedAt = now;
    }
}
