using Messaging.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>ASP.NET Core Identity's schema (as its IdentityDbContext maps it) on our tables, with users scoped to their tenant.</summary>
public static class IdentityModelBuilderExtensions
{
    public static void ConfigureIdentity(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<IdentityUserAccount>(user =>
        {
            user.ToTable(IdentityDbProperties.UsersTable);
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).ValueGeneratedNever();
            user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            user.Property(u => u.UserName).HasMaxLength(IdentityConsts.MaxUserNameLength);
            user.Property(u => u.NormalizedUserName).HasMaxLength(IdentityConsts.MaxUserNameLength);
            user.Property(u => u.Email).HasMaxLength(IdentityConsts.MaxEmailLength);
            user.Property(u => u.NormalizedEmail).HasMaxLength(IdentityConsts.MaxEmailLength);
            user.Property(u => u.Name).HasMaxLength(IdentityConsts.MaxNameLength);
            user.Property(u => u.Surname).HasMaxLength(IdentityConsts.MaxNameLength);
            user.Property(u => u.SecurityStamp).HasMaxLength(64);
            user.Property(u => u.ConcurrencyStamp).HasMaxLength(64);
            user.Property(u => u.PasswordHash).HasMaxLength(512);
            user.Property(u => u.PhoneNumber).HasMaxLength(32);
            user.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique();
            user.HasIndex(u => new { u.TenantId, u.NormalizedEmail });
            user.HasQueryFilter(u => u.TenantId == context.CurrentTenantId);
        });

        builder.Entity<IdentityRoleDefinition>(role =>
        {
            role.ToTable(IdentityDbProperties.RolesTable);
            role.HasKey(r => r.Id);
            role.Property(r => r.Id).ValueGeneratedNever();
            role.Property(r => r.ConcurrencyStamp).IsConcurrencyToken().HasMaxLength(64);
            role.Property(r => r.Name).HasMaxLength(IdentityConsts.MaxRoleNameLength);
            role.Property(r => r.NormalizedName).HasMaxLength(IdentityConsts.MaxRoleNameLength);
            role.HasIndex(r => new { r.TenantId, r.NormalizedName }).IsUnique();
            // A tenant sees the static roles and its own; their names never collide (the role validator checks through this filter).
            role.HasQueryFilter(r => r.TenantId == null || r.TenantId == context.CurrentTenantId);
        });

        builder.Entity<IdentityUserRole<Guid>>(userRole =>
        {
            userRole.ToTable(IdentityDbProperties.UserRolesTable);
            userRole.HasKey(r => new { r.UserId, r.RoleId });
            userRole.HasOne<IdentityUserAccount>().WithMany().HasForeignKey(r => r.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
            userRole.HasOne<IdentityRoleDefinition>().WithMany().HasForeignKey(r => r.RoleId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityUserClaim<Guid>>(claim =>
        {
            claim.ToTable(IdentityDbProperties.UserClaimsTable);
            claim.HasKey(c => c.Id);
            claim.Property(c => c.ClaimType).HasMaxLength(256);
            claim.Property(c => c.ClaimValue).HasMaxLength(1024);
            claim.HasIndex(c => c.UserId);
            claim.HasOne<IdentityUserAccount>().WithMany().HasForeignKey(c => c.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityUserLogin<Guid>>(login =>
        {
            login.ToTable(IdentityDbProperties.UserLoginsTable);
            login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            login.Property(l => l.LoginProvider).HasMaxLength(128);
            login.Property(l => l.ProviderKey).HasMaxLength(128);
            login.Property(l => l.ProviderDisplayName).HasMaxLength(128);
            login.HasIndex(l => l.UserId);
            login.HasOne<IdentityUserAccount>().WithMany().HasForeignKey(l => l.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityUserToken<Guid>>(token =>
        {
            token.ToTable(IdentityDbProperties.UserTokensTable);
            token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            token.Property(t => t.LoginProvider).HasMaxLength(128);
            token.Property(t => t.Name).HasMaxLength(128);
            token.Property(t => t.Value).HasMaxLength(1024);
            token.HasOne<IdentityUserAccount>().WithMany().HasForeignKey(t => t.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdentityRoleClaim<Guid>>(claim =>
        {
            claim.ToTable(IdentityDbProperties.RoleClaimsTable);
            claim.HasKey(c => c.Id);
            claim.Property(c => c.ClaimType).HasMaxLength(256);
            claim.Property(c => c.ClaimValue).HasMaxLength(1024);
            claim.HasIndex(c => c.RoleId);
            claim.HasOne<IdentityRoleDefinition>().WithMany().HasForeignKey(c => c.RoleId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SecurityLogEntry>(entry =>
        {
            entry.ToTable(IdentityDbProperties.SecurityLogsTable);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
            entry.Property(e => e.UserName).HasMaxLength(SecurityLogEntry.MaxTextLength);
            entry.Property(e => e.ClientIpAddress).HasMaxLength(SecurityLogEntry.MaxTextLength);
            entry.Property(e => e.ActorName).HasMaxLength(SecurityLogEntry.MaxTextLength);
            entry.HasIndex(e => new { e.TenantId, e.CreatedAt });
            entry.HasQueryFilter(e => e.TenantId == context.CurrentTenantId);
        });

        // OpenIddict's clients, authorizations, scopes and tokens, as its stores map them, on our tables.
        builder.UseOpenIddict<Guid>();
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable(IdentityDbProperties.ApplicationsTable);
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable(IdentityDbProperties.AuthorizationsTable);
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable(IdentityDbProperties.ScopesTable);
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable(IdentityDbProperties.TokensTable);
    }
}
