using System.Security.Claims;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.Identity;

/// <summary>
/// The parts of <c>/connect/authorize</c> and <c>/connect/token</c> OpenIddict leaves to the application: who the
/// signed-in user is, and whether the user (or machine client) may still have tokens. OpenIddict has validated the
/// request, the client, PKCE and the code or refresh token before these run.
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";

    /// <summary>Revocation is OpenIddict's own: a client ends a refresh or access token it holds.</summary>
    public const string RevokePath = "/connect/revoke";

    public const string EndSessionPath = "/connect/logout";

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(TokenPath, ExchangeAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<IdentityUserAccount> users, ICurrentTenant currentTenant)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded
            ? await AccessTokenPrincipals.FindUsableUserAsync(users, currentTenant, session.Principal.FindFirstValue(ClaimTypes.NameIdentifier),
                Guid.TryParse(session.Principal.FindFirstValue(SignInPage.TenantClaim), out var tenantId) ? tenantId : null)
            : null;
        if (user is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            var back = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList());
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [IdentityConstants.ApplicationScheme]);
        }

        return Results.SignIn(AccessTokenPrincipals.ForUser(user, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, UserManager<IdentityUserAccount> users, ICurrentTenant currentTenant,
        IMachineClientStore machineClients)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var client = await machineClients.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
            if (client is null)
            {
                return Refuse(Errors.InvalidClient, "This client may not use client credentials.");
            }

            return Results.SignIn(AccessTokenPrincipals.ForClient(client.ClientId, client.TenantId, request.GetScopes()), null,
                OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var redeemed = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = redeemed.Succeeded
                ? await AccessTokenPrincipals.FindUsableUserAsync(users, currentTenant, redeemed.Principal.GetClaim(Claims.Subject),
                    AccessTokenPrincipals.TenantIdOf(redeemed.Principal))
                : null;
            return user is null
                ? Refuse(Errors.InvalidGrant, "The user no longer exists, is deactivated or locked out.")
                : Results.SignIn(AccessTokenPrincipals.ForUser(user, redeemed.Principal!.GetScopes()), null,
                    OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>
    /// Ends the sign-in session on the host, then OpenIddict sends the browser to the client's registered
    /// post_logout_redirect_uri (or answers here when the client gave none).
    /// </summary>
    private static async Task<IResult> EndSessionAsync(HttpContext context, ICurrentTenant currentTenant, SecurityLog securityLog)
    {
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded)
        {
            using var tenantScope = currentTenant.Change(
                Guid.TryParse(session.Principal.FindFirstValue(SignInPage.TenantClaim), out var tenantId) ? tenantId : null);
            await securityLog.WriteAsync(SecurityLogAction.SignedOut, session.Principal.Identity?.Name, context.Connection.RemoteIpAddress?.ToString(),
                CancellationToken.None);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
