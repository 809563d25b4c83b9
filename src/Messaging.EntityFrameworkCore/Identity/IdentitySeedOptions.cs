namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>Bound from the <c>Seed</c> section, like the seeded API keys. Passwords left out are generated and shown once.</summary>
public sealed class IdentitySeedOptions
{
    public const string SectionName = "Seed";

    public string? HostAdminPassword { get; set; }

    public string? DemoTenantAdminPassword { get; set; }

    /// <summary>The tenant whose administrator is seeded, when it exists (TenantManagement seeds it).</summary>
    public string DemoTenantName { get; set; } = "Demo";
}
