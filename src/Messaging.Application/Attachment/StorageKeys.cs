namespace Messaging.Attachment;

/// <summary>Storage keys are generated, never taken from a file name: the tenant's folder, then the attachment id.</summary>
public static class StorageKeys
{
    public static string For(Guid tenantId, Guid attachmentId) => $"{tenantId:N}/{attachmentId:N}";

    /// <summary>The tenant whose folder a key is in, or null for a key that is not ours.</summary>
    public static Guid? TenantOf(string key) =>
        key.Length > 33 && key[32] == '/' && Guid.TryParseExact(key[..32], "N", out var tenantId) ? tenantId : null;
}
