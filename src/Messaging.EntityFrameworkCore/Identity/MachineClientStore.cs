using System.Collections.Immutable;
using System.Text.Json;
using Messaging.Identity;
using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>
/// Machine clients as OpenIddict applications: confidential, allowed the token endpoint and client credentials, with the
/// tenant and permissions in the application's properties. OpenIddict's manager hashes secrets and deletes a client's
/// tokens with it; the list reads the table, narrowed to the tenant in SQL and checked again here.
/// </summary>
public sealed class MachineClientStore(MessagingDbContext db, IOpenIddictApplicationManager applications, ICurrentTenant currentTenant)
    : IMachineClientStore
{
    /// <summary>The tenant a machine client's tokens act for; absent for a host client.</summary>
    public const string TenantIdProperty = "messaging_tenant_id";

    /// <summary>Its permissions: a list, or null for everything its side may. Only machine clients have it.</summary>
    public const string PermissionsProperty = "messaging_permissions";

    public async Task<IReadOnlyList<MachineClient>> GetListAsync(CancellationToken cancellationToken = default)
    {
        var candidates = db.Set<OpenIddictEntityFrameworkCoreApplication<Guid>>().AsNoTracking()
            .Where(application => application.Properties!.Contains(PermissionsProperty));
        if (currentTenant.Id is { } tenantId)
        {
            var tenant = tenantId.ToString();
            candidates = candidates.Where(application => application.Properties!.Contains(tenant));
        }

        var found = new List<MachineClient>();
        foreach (var application in await candidates.OrderBy(application => application.DisplayName).ToListAsync(cancellationToken))
        {
            if (await ReadAsync(application, cancellationToken) is { } client && client.TenantId == currentTenant.Id)
            {
                found.Add(client);
            }
        }

        return found;
    }

    public async Task<MachineClient?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindOwnAsync(id, cancellationToken) is { } application ? await ReadAsync(application, cancellationToken) : null;

    public async Task<MachineClient> CreateAsync(string clientId, string displayName, IReadOnlyList<string>? permissions, string secret,
        CancellationToken cancellationToken = default)
    {
        var descriptor = Describe(clientId, displayName, currentTenant.Id, permissions);
        descriptor.ClientSecret = secret;
        var application = await applications.CreateAsync(descriptor, cancellationToken);
        return await ReadAsync(application, cancellationToken) ?? throw new InvalidOperationException("A machine client just created cannot be read.");
    }

    public async Task<MachineClient?> UpdateAsync(Guid id, string displayName, IReadOnlyList<string>? permissions, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id, cancellationToken) is not { } application)
        {
            return null;
        }

        // Populated from the stored client, the descriptor carries the stored hash, so the manager keeps the secret as it is.
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.DisplayName = displayName;
        descriptor.Properties[PermissionsProperty] = JsonSerializer.SerializeToElement(permissions);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return await ReadAsync(application, cancellationToken);
    }

    public async Task<bool> ReplaceSecretAsync(Guid id, string secret, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id, cancellationToken) is not { } application)
        {
            return false;
        }

        await applications.UpdateAsync(application, secret, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(id, cancellationToken) is not { } application)
        {
            return false;
        }

        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    public async Task<MachineClient?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken = default) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application ? await ReadAsync(application, cancellationToken) : null;

    /// <summary>What a configured or created machine client is stored as; the caller adds the secret when it sets one.</summary>
    public static OpenIddictApplicationDescriptor Describe(string clientId, string displayName, Guid? tenantId, IReadOnlyList<string>? permissions)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials }
        };
        if (tenantId is { } id)
        {
            descriptor.Properties[TenantIdProperty] = JsonSerializer.SerializeToElement(id);
        }

        descriptor.Properties[PermissionsProperty] = JsonSerializer.SerializeToElement(permissions);
        return descriptor;
    }

    private async Task<object?> FindOwnAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await applications.FindByIdAsync(id.ToString(), cancellationToken);
        return application is not null && await ReadAsync(application, cancellationToken) is { } client && client.TenantId == currentTenant.Id
            ? application
            : null;
    }

    private async Task<MachineClient?> ReadAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        if (!properties.TryGetValue(PermissionsProperty, out var granted))
        {
            return null;
        }

        return new MachineClient(
            Guid.Parse(await applications.GetIdAsync(application, cancellationToken) ?? throw new InvalidOperationException("A client without an id.")),
            TenantIdOf(properties),
            await applications.GetClientIdAsync(application, cancellationToken) ?? "",
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
            granted.ValueKind == JsonValueKind.Array ? granted.Deserialize<List<string>>() : null);
    }

    private static Guid? TenantIdOf(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(TenantIdProperty, out var tenant) && tenant.ValueKind == JsonValueKind.String ? tenant.GetGuid() : null;
}
