using System.Security.Claims;
using Messaging.EntityFrameworkCore.Identity;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.Identity;

/// <summary>The principals the sign-in server turns into tokens: for a user, and for a machine client.</summary>
public static class AccessTokenPrincipals
{
    public static ClaimsPrincipal ForUser(IdentityUserAccount user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(TokenClaims.Kind, TokenClaims.UserKind)
            .SetClaim(TokenClaims.TenantId, user.TenantId?.ToString());
        return WithDestinations(identity, scopes);
    }

    /// <summary>A machine client's token names only the client: its tenant and permissions are read again at each use.</summary>
    public static ClaimsPrincipal ForClient(string clientId, Guid? tenantId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, clientId)
            .SetClaim(TokenClaims.Kind, TokenClaims.ClientKind)
            .SetClaim(TokenClaims.TenantId, tenantId?.ToString());
        return WithDestinations(identity, scopes);
    }

    /// <summary>The user a token or sign-in cookie names, read in that user's tenant; null when it is gone or may no longer sign in.</summary>
    public static async Task<IdentityUserAccount?> FindUsableUserAsync(UserManager<IdentityUserAccount> users, MultiTenancy.ICurrentTenant currentTenant,
        string? userId, Guid? tenantId)
    {
        using var tenantScope = currentTenant.Change(tenantId);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        return user is { IsActive: true } && user.TenantId == tenantId && !await users.IsLockedOutAsync(user) ? user : null;
    }

    public static Guid? TenantIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.GetClaim(TokenClaims.TenantId), out var tenantId) ? tenantId : null;

    private static ClaimsPrincipal WithDestinations(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when principal.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken]
        });
        return principal;
    }
}
