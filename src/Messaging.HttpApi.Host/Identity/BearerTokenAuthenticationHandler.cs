using System.Security.Claims;
using System.Text.Encodings.Web;
using Messaging.Authentication;
using Messaging.Authorization;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.Identity;

/// <summary>
/// Access tokens in <c>Authorization: Bearer</c>: validated by OpenIddict against this host's own server, then resolved
/// to the same claims an API key gets (tenant, tier, whether it is active, permissions). A user's permissions come from
/// its roles at each use, so a deactivated or locked-out user, or a deactivated tenant, loses access at the next
/// request, not when the token expires; so does a deleted machine client, whose permissions are likewise read at each use.
/// </summary>
public sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    UserManager<IdentityUserAccount> users,
    ICurrentTenant currentTenant,
    ITenantStore tenants,
    RolePermissions rolePermissions,
    IMachineClientStore machineClients,
    PermissionCatalog catalog) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var validated = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!validated.Succeeded)
        {
            return validated.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(validated.Failure ?? new InvalidOperationException("Invalid token."));
        }

        var token = validated.Principal;
        var tenantId = AccessTokenPrincipals.TenantIdOf(token);
        var claims = new List<Claim>();
        TenantInfo? tenant = null;
        if (tenantId is { } id)
        {
            tenant = await tenants.FindAsync(id, Context.RequestAborted);
            if (tenant is null)
            {
                return AuthenticateResult.Fail("The token's tenant no longer exists.");
            }

            claims.Add(new Claim(MessagingClaims.TenantId, tenant.Id.ToString()));
            claims.Add(new Claim(MessagingClaims.Tier, tenant.Tier.ToString()));
            claims.Add(new Claim(MessagingClaims.TenantActive, tenant.IsActive ? "true" : "false"));
        }

        IEnumerable<string> permissions;
        if (token.GetClaim(TokenClaims.Kind) == TokenClaims.ClientKind)
        {
            var client = await machineClients.FindByClientIdAsync(token.GetClaim(Claims.Subject) ?? "", Context.RequestAborted);
            if (client is null || client.TenantId != tenantId)
            {
                return AuthenticateResult.Fail("The token's machine client no longer exists.");
            }

            if (tenant is not null)
            {
                // A machine client is an API client like a key: its requests count against the tenant's limits. People
                // in the admin UI do not; their pages are not what the limits are for.
                Context.Features.Set(new RateLimitedTenant(tenant.Id, tenant.Tier, tenant.RateLimitOverride));
            }

            var side = tenantId is null ? catalog.HostPermissions : catalog.TenantPermissions;
            permissions = client.Permissions?.Where(side.Contains) ?? side;
            claims.Add(new Claim(MessagingClaims.UserName, token.GetClaim(Claims.Subject) ?? ""));
        }
        else
        {
            if (await AccessTokenPrincipals.FindUsableUserAsync(users, currentTenant, token.GetClaim(Claims.Subject), tenantId) is not { } user)
            {
                return AuthenticateResult.Fail("The token's user no longer exists, is deactivated or locked out.");
            }

            using (currentTenant.Change(tenantId))
            {
                permissions = await rolePermissions.OfAsync([.. await users.GetRolesAsync(user)], tenantId, Context.RequestAborted);
            }

            claims.Add(new Claim(MessagingClaims.UserId, user.Id.ToString()));
            claims.Add(new Claim(MessagingClaims.UserName, user.UserName ?? ""));
        }

        var granted = permissions.ToList();
        if (tenantId is null && granted.Count > 0)
        {
            // The host's policies (HostAdmin) ask for the role the host key has; its permissions say what it may do.
            claims.Add(new Claim(MessagingClaims.Role, MessagingClaims.HostAdminRole));
        }

        claims.AddRange(granted.Select(permission => new Claim(MessagingClaims.Permission, permission)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, MessagingClaims.UserName, MessagingClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// 401 for a token that is invalid or expired, or whose user may no longer sign in, alike: the API's own problem
    /// document, with the challenge RFC 6750 asks for.
    /// </summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send a valid access token of a user who may still sign in, or an API key in the X-Api-Key header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", Context.User.HasClaim(MessagingClaims.TenantActive, "false")
            ? "This tenant is deactivated."
            : "This access token lacks the permission this endpoint needs.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail }
        });
    }
}
