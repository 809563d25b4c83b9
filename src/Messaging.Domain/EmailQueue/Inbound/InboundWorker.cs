namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// An email-routing worker of a tenant that posts every incoming email to the webhook and waits for the answer. Its
/// signing secret is stored protected (we verify with it, so it cannot be hashed) and never returned after creation.
/// </summary>
public sealed class InboundWorker
{
    private InboundWorker()
    {
    }

    public InboundWorker(Guid id, Guid tenantId, string name, string protectedSecret, InboundEmailAction defaultAction, string? defaultTarget,
        bool enabled, DateTime now)
    {
        Id = id;
        TenantId = tenantId;
        ProtectedSecret = protectedSecret;
        CreatedAt = now;
        Change(name, defaultAction, defaultTarget, enabled, now);
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The answer when no filter rule matches.</summary>
    public InboundEmailAction DefaultAction { get; private set; }

    public string? DefaultTarget { get; private set; }

    public bool Enabled { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Change(string name, InboundEmailAction defaultAction, string? defaultTarget, bool enabled, DateTime now)
    {
        Name = name;
        DefaultAction = defaultAction;
        DefaultTarget = defaultTarget;
        Enabled = enabled;
        UpdatedAt = now;
    }

    public void RotateSecret(string protectedSecret, DateTime now)
    {
        ProtectedSecret = protectedSecret;
        UpdatedAt = now;
    }
}
