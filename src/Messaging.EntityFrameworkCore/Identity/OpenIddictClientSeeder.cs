using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>
/// Keeps the sign-in server's clients as configured: the admin UI's public client with its redirect URIs, and the
/// machine clients of <see cref="IdentityServerOptions.MachineClients"/> with their tenant and permissions.
/// </summary>
public sealed class OpenIddictClientSeeder(
    IOpenIddictApplicationManager applications,
    ITenantStore tenants,
    IOptions<IdentityServerOptions> serverOptions) : IDataSeedContributor
{
    public async Task<IReadOnlyList<SeededValue>> SeedAsync(CancellationToken cancellationToken)
    {
        var options = serverOptions.Value;
        var admin = new OpenIddictApplicationDescriptor
        {
            ClientId = IdentityServerOptions.AdminClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Messaging admin",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Prefixes.Scope + Scopes.OfflineAccess
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange }
        };
        foreach (var uri in options.AdminClientRedirectUris)
        {
            admin.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            admin.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        await UpsertAsync(admin, cancellationToken);
        foreach (var client in options.MachineClients)
        {
            await UpsertAsync(await MachineClientAsync(client, cancellationToken), cancellationToken);
        }

        return [];
    }

    private async Task<OpenIddictApplicationDescriptor> MachineClientAsync(MachineClientOptions client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientSecret.Length < 24)
        {
            throw new InvalidOperationException(
                $"{IdentityServerOptions.SectionName}:MachineClients needs a ClientId and a ClientSecret of at least 24 characters for each client.");
        }

        var tenantId = (Guid?)null;
        if (!string.IsNullOrWhiteSpace(client.Tenant))
        {
            var tenant = await tenants.FindByNameAsync(client.Tenant, cancellationToken) ?? throw new InvalidOperationException(
                $"{IdentityServerOptions.SectionName}:MachineClients names tenant '{client.Tenant}', which does not exist.");
            tenantId = tenant.Id;
        }

        var descriptor = MachineClientStore.Describe(client.ClientId, client.ClientId, tenantId, client.Permissions.Count == 0 ? null : client.Permissions);
        descriptor.ClientSecret = client.ClientSecret;
        return descriptor;
    }

    private async Task UpsertAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
