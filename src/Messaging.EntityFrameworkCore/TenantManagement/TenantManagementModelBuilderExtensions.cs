using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.TenantManagement;

public static class TenantManagementModelBuilderExtensions
{
    public static void ConfigureTenantManagement(this ModelBuilder builder)
    {
        builder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable(TenantManagementDbProperties.TenantsTable);
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Id).ValueGeneratedNever();
            tenant.Property(t => t.Name).HasMaxLength(TenantConsts.MaxNameLength).IsRequired();
            tenant.Property(t => t.Tier).HasConversion<string>().HasMaxLength(16);
            tenant.HasIndex(t => t.Name).IsUnique();
            tenant.Ignore(t => t.RateLimitOverride);
        });

        builder.Entity<ApiKey>(key =>
        {
            key.ToTable(TenantManagementDbProperties.ApiKeysTable);
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).ValueGeneratedNever();
            key.Property(k => k.Name).HasMaxLength(TenantConsts.MaxApiKeyNameLength).IsRequired();
            key.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
            key.Property(k => k.Prefix).HasMaxLength(ApiKeySecret.PrefixLength).IsRequired();
            key.Property(k => k.Permissions).HasMaxLength(TenantConsts.MaxApiKeyPermissionsLength);
            key.Ignore(k => k.PermissionList);
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.HasIndex(k => k.TenantId);
            key.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
