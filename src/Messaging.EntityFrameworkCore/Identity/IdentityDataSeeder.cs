using System.Security.Cryptography;
using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>
/// Creates the static roles, the host's administrator and the demo tenant's (when that tenant exists). Safe to run on
/// every start: a user that exists is left as it is, so a password changed since is never reset.
/// </summary>
public sealed class IdentityDataSeeder(
    UserManager<IdentityUserAccount> users,
    RoleManager<IdentityRoleDefinition> roles,
    ITenantStore tenants,
    ICurrentTenant currentTenant,
    IOptions<IdentitySeedOptions> seedOptions) : IDataSeedContributor
{
    public async Task<IReadOnlyList<SeededValue>> SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var roleName in IdentityRoleNames.All)
        {
            if (await roles.FindByNameAsync(roleName) is null)
            {
                Succeeded(await roles.CreateAsync(new IdentityRoleDefinition(Guid.CreateVersion7(), roleName)), $"role {roleName}");
            }
        }

        var options = seedOptions.Value;
        var generated = new List<SeededValue>();
        if (await EnsureAdminAsync(null, IdentityRoleNames.HostAdmin, options.HostAdminPassword) is { } hostPassword)
        {
            generated.Add(new SeededValue($"Host admin password (user '{IdentityConsts.SeededAdminUserName}')", hostPassword));
        }

        if (await tenants.FindByNameAsync(options.DemoTenantName, cancellationToken) is { } demo
            && await EnsureAdminAsync(demo.Id, IdentityRoleNames.Admin, options.DemoTenantAdminPassword) is { } demoPassword)
        {
            generated.Add(new SeededValue($"Demo admin password (tenant '{demo.Name}', user '{IdentityConsts.SeededAdminUserName}')", demoPassword));
        }

        return generated;
    }

    /// <returns>The password, when it was generated here.</returns>
    private async Task<string?> EnsureAdminAsync(Guid? tenantId, string role, string? configuredPassword)
    {
        using var tenantScope = currentTenant.Change(tenantId);
        if (await users.FindByNameAsync(IdentityConsts.SeededAdminUserName) is not null)
        {
            return null;
        }

        var password = string.IsNullOrWhiteSpace(configuredPassword) ? GeneratePassword() : configuredPassword;
        var admin = new IdentityUserAccount(Guid.CreateVersion7(), tenantId, IdentityConsts.SeededAdminUserName, null);
        Succeeded(await users.CreateAsync(admin, password), $"the administrator of {(tenantId is null ? "the host" : $"tenant {tenantId}")}");
        Succeeded(await users.AddToRoleAsync(admin, role), $"the {role} role");
        return string.IsNullOrWhiteSpace(configuredPassword) ? password : null;
    }

    /// <summary>24 characters from every class a password policy may ask for.</summary>
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 6) + RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz", 6)
        + RandomNumberGenerator.GetString("23456789", 6) + RandomNumberGenerator.GetString("!#%+-.=?@_", 6);

    private static void Succeeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {what} failed: {string.Join(" ", result.Errors.Select(error => error.Description))} (a Seed password must meet Identity:Password).");
        }
    }
}
