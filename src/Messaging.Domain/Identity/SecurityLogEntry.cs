namespace Messaging.Identity;

/// <summary>
/// One sign-in, lockout or change to an account, kept for the tenant's admin (the host's for the host's accounts).
/// <see cref="UserName"/> is the account concerned as it was named, also when no such account exists.
/// </summary>
public sealed class SecurityLogEntry
{
    public const int MaxTextLength = 256;

    private SecurityLogEntry()
    {
    }

    public SecurityLogEntry(Guid id, Guid? tenantId, SecurityLogAction action, string? userName, string? clientIpAddress, string? actorName,
        DateTime createdAt)
    {
        Id = id;
        TenantId = tenantId;
        Action = action;
        UserName = Bounded(userName);
        ClientIpAddress = Bounded(clientIpAddress);
        ActorName = Bounded(actorName);
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid? TenantId { get; private set; }

    public SecurityLogAction Action { get; private set; }

    public string? UserName { get; private set; }

    public string? ClientIpAddress { get; private set; }

    /// <summary>Who made the change: the signed-in user or API key; null for sign-ins.</summary>
    public string? ActorName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    private static string? Bounded(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
}

/// <summary>The security log of the current tenant (the host's without one).</summary>
public interface ISecurityLogRepository
{
    /// <summary>Adds the entry and saves it at once: an entry must not wait for, or fail with, another change.</summary>
    Task AddAsync(SecurityLogEntry entry, CancellationToken cancellationToken = default);

    Task<(IReadOnlyList<SecurityLogEntry> Items, int TotalCount)> GetListAsync(int skip, int take, CancellationToken cancellationToken = default);
}
