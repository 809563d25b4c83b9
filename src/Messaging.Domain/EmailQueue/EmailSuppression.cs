namespace Messaging.EmailQueue;

/// <summary>An address of a tenant that its mail server said does not exist; events to it end Suppressed without a call.</summary>
public sealed class EmailSuppression
{
    private EmailSuppression()
    {
    }

    public EmailSuppression(Guid tenantId, string address, Guid emailEventId, string? reason, DateTime createdAt)
    {
        TenantId = tenantId;
        Address = Normalize(address);
        EmailEventId = emailEventId;
        Reason = reason;
        CreatedAt = createdAt;
    }

    public Guid TenantId { get; private set; }

    /// <summary>Lower case: mailbox names are compared without case, as receivers do in practice.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The event whose failure put the address here.</summary>
    public Guid EmailEventId { get; private set; }

    public string? Reason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
