namespace Messaging.Messages.Callbacks;

/// <summary>
/// Where a tenant wants to hear about its messages' status changes, and the secret that signs what we post there.
/// One per tenant. The secret is kept protected (encrypted), never hashed: we must be able to sign with it.
/// </summary>
public sealed class StatusCallback
{
    private StatusCallback()
    {
        Url = null!;
        ProtectedSecret = null!;
    }

    public StatusCallback(Guid tenantId, Uri url, string protectedSecret, DateTime createdAt)
    {
        TenantId = tenantId;
        Url = Require(url);
        ProtectedSecret = protectedSecret;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        SecretCreatedAt = createdAt;
    }

    public Guid TenantId { get; private set; }

    /// <summary>Absolute; https unless the host admin allows private networks (then http too).</summary>
    public string Url { get; private set; }

    public string ProtectedSecret { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime SecretCreatedAt { get; private set; }

    public void ChangeUrl(Uri url, DateTime atUtc)
    {
        Url = Require(url);
        UpdatedAt = atUtc;
    }

    public void ReplaceSecret(string protectedSecret, DateTime atUtc)
    {
        ProtectedSecret = protectedSecret;
        SecretCreatedAt = atUtc;
        UpdatedAt = atUtc;
    }

    private static string Require(Uri url) =>
        url.IsAbsoluteUri ? url.AbsoluteUri : throw new ArgumentException("A callback address is absolute.", nameof(url));
}
