using System.Security.Claims;
using Messaging.Authentication;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Identity;

/// <summary>
/// The host's sign-in page, where the authorization endpoint sends people without a session: tenant (empty for the
/// host), user name or email, password. Every refusal reads the same, whether the tenant or user exists, the password
/// is wrong or the account is locked out, so the page tells no one which accounts exist.
/// </summary>
public static class SignInPage
{
    public const string Path = "/account/login";

    /// <summary>The cookie claim naming the signed-in user's tenant, read back by the authorization endpoint.</summary>
    public const string TenantClaim = "messaging:sign_in_tenant";

    private const string Refused = "Sign-in failed: check the tenant, the user name and the password, or try again later.";

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
                Page(context, antiforgery, returnUrl, tenant: "", userName: "", error: null, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(Path, SignInAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, ITenantStore tenants, ICurrentTenant currentTenant,
        UserManager<IdentityUserAccount> users, SignInManager<IdentityUserAccount> signIn, FailedAuthenticationLimiter failedAttempts,
        SecurityLog securityLog)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var client = context.Connection.RemoteIpAddress;
        if (failedAttempts.RetryAfter(client) is { } throttled)
        {
            return TooManyAttempts(context, antiforgery, form["returnUrl"].ToString(), throttled);
        }

        var tenantName = form["tenant"].ToString().Trim();
        var userName = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var code = form["code"].ToString().Replace(" ", "", StringComparison.Ordinal);
        var returnUrl = form["returnUrl"].ToString();

        Guid? tenantId = null;
        if (tenantName.Length > 0)
        {
            tenantId = await tenants.FindByNameAsync(tenantName, context.RequestAborted) is { IsActive: true } tenant ? tenant.Id : Guid.Empty;
        }

        using var tenantScope = currentTenant.Change(tenantId);
        var address = client?.ToString();
        var user = tenantId == Guid.Empty || userName.Length == 0
            ? null
            : await users.FindByNameAsync(userName) ?? (userName.Contains('@') ? await users.FindByEmailAsync(userName) : null);
        if (user is null || !user.IsActive)
        {
            // Hash anyway, so an unknown account answers as slowly as a wrong password.
            users.PasswordHasher.HashPassword(new IdentityUserAccount(Guid.Empty, null, "unknown", null), password);
            if (tenantId != Guid.Empty)
            {
                await securityLog.WriteAsync(SecurityLogAction.SignInFailed, userName, address, context.RequestAborted);
            }

            return await RefusedAsync(context, antiforgery, failedAttempts, returnUrl, tenantName, userName);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        var usedRecoveryCode = false;
        if (result.Succeeded && user.TwoFactorEnabled
            && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            && !(usedRecoveryCode = code.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded))
        {
            // A wrong second factor counts toward lockout as a wrong password does, and reads the same.
            await users.AccessFailedAsync(user);
            result = SignInResult.Failed;
        }

        if (!result.Succeeded)
        {
            await securityLog.WriteAsync(result.IsLockedOut || await users.IsLockedOutAsync(user) ? SecurityLogAction.LockedOut : SecurityLogAction.SignInFailed,
                user.UserName, address, context.RequestAborted);
            return await RefusedAsync(context, antiforgery, failedAttempts, returnUrl, tenantName, userName);
        }

        if (usedRecoveryCode)
        {
            await securityLog.WriteAsync(SecurityLogAction.RecoveryCodeUsed, user.UserName, address, context.RequestAborted);
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TenantClaim, tenantId?.ToString() ?? "")]);
        await securityLog.WriteAsync(SecurityLogAction.SignedIn, user.UserName, address, context.RequestAborted);
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    /// <summary>Counts the failure against the client's address (the limit API keys have), and answers as for any refusal.</summary>
    private static async Task<IResult> RefusedAsync(HttpContext context, IAntiforgery antiforgery, FailedAuthenticationLimiter failedAttempts,
        string returnUrl, string tenantName, string userName) =>
        await failedAttempts.RecordFailureAsync(context.Connection.RemoteIpAddress, context.RequestAborted) is { } throttled
            ? TooManyAttempts(context, antiforgery, returnUrl, throttled)
            : Page(context, antiforgery, returnUrl, tenantName, userName, Refused, StatusCodes.Status401Unauthorized);

    private static IResult TooManyAttempts(HttpContext context, IAntiforgery antiforgery, string returnUrl, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page(context, antiforgery, returnUrl, "", "", "Too many failed sign-ins from this address: wait before trying again.",
            StatusCodes.Status429TooManyRequests);
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string tenant, string userName, string? error, int status) =>
        AccountPage.Render(context, antiforgery, "Sign in", error, status, Path, $"""
            <input type="hidden" name="returnUrl" value="{AccountPage.Encode(returnUrl)}">
            <p><label>Tenant (empty for the host) <input name="tenant" value="{AccountPage.Encode(tenant)}" autocomplete="organization"></label></p>
            <p><label>User name or email <input name="userName" value="{AccountPage.Encode(userName)}" required autocomplete="username"></label></p>
            <p><label>Password <input name="password" type="password" required autocomplete="current-password"></label></p>
            <p><label>Authenticator or recovery code (if you turned it on) <input name="code" inputmode="numeric" autocomplete="one-time-code"></label></p>
            <p><button type="submit">Sign in</button></p>
            """, $"""<p><a href="{PasswordResetPages.ForgotPath}">Forgot your password?</a></p>""");
}
