using Messaging.TenantManagement;

namespace Messaging.EntityFrameworkCore.TenantManagement;

/// <summary>Bound from the <c>Seed</c> section. Keys given here are stored hashed; absent keys are generated once.</summary>
public sealed class TenantSeedOptions
{
    public const string SectionName = "Seed";

    public string? HostAdminApiKey { get; set; }

    public string? DemoTenantApiKey { get; set; }

    public string DemoTenantName { get; set; } = "Demo";

    /// <summary>Whether to create the demo tenant; unset means only on the embedded default (SQLite).</summary>
    public bool? DemoTenant { get; set; }

    /// <summary>Refuses configured keys that could be guessed, before anything is stored.</summary>
    public void EnsureConfiguredKeysAreStrong()
    {
        foreach (var (setting, key) in new[] { ("HostAdminApiKey", HostAdminApiKey), ("DemoTenantApiKey", DemoTenantApiKey) })
        {
            if (!string.IsNullOrWhiteSpace(key) && !ApiKeySecret.IsStrongEnough(key))
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{setting} is too weak: use at least {ApiKeySecret.MinConfiguredLength} characters with at least " +
                    $"{ApiKeySecret.MinConfiguredDistinctCharacters} different ones (for example the output of 'openssl rand -base64 32'), " +
                    "or leave it unset to have a key generated and shown once.");
            }
        }
    }
}
