namespace Messaging.TenantManagement;

/// <summary>
/// A credential for API clients. Only its SHA-256 hash is stored: keys carry 256 random bits, so a fast hash
/// is as safe as a slow one and keeps per-request authentication cheap. A key without a tenant is the host admin's.
/// </summary>
public sealed class ApiKey
{
    /// <summary>
    /// The name of the host key seeded from configuration; reserved, so that replacing the configured key revokes only
    /// the key it seeded before.
    /// </summary>
    public const string SeededHostKeyName = "host-admin";

    private ApiKey()
    {
        Name = null!;
        KeyHash = null!;
        Prefix = null!;
    }

    /// <param name="permissions">What the key may do; null for everything its owner may (the keys issued before permissions existed).</param>
    public ApiKey(Guid id, Guid? tenantId, string name, string keyHash, string prefix, DateTime createdAt,
        IReadOnlyCollection<string>? permissions = null)
    {
        Id = id;
        TenantId = tenantId;
        Name = name;
        KeyHash = keyHash;
        Prefix = prefix;
        CreatedAt = createdAt;
        Permissions = permissions is null ? null : string.Join(' ', permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    public Guid Id { get; private set; }
    public Guid? TenantId { get; private set; }
    public string Name { get; private set; }
    public string KeyHash { get; private set; }

    /// <summary>The first characters of the raw key, so people can tell their keys apart.</summary>
    public string Prefix { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The permission names the key was issued with, separated by spaces; null for all its owner's.</summary>
    public string? Permissions { get; private set; }

    public IReadOnlyList<string>? PermissionList =>
        Permissions is null ? null : Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    public bool IsHostKey => TenantId is null;
    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    public void RecordUse(DateTime usedAt)
    {
        if (LastUsedAt is null || usedAt > LastUsedAt)
        {
            LastUsedAt = usedAt;
        }
    }
}
