using Messaging.Authentication;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Identity;

/// <summary>
/// Forgotten passwords: a time-limited, single-use reset token (ASP.NET Core Identity's, void once the password
/// changed). The answer to a request is the same whether the account exists. The link goes out as the EmailQueue
/// module's password-reset event (see <see cref="AccountEmails"/>).
/// </summary>
public static class PasswordResetPages
{
    public const string ForgotPath = "/account/forgot-password";
    public const string ResetPath = AccountPaths.ResetPassword;

    private const string Requested = "If the account exists, a link to choose a new password is on its way.";
    private const string InvalidLink = "This link is invalid, expired or already used: ask for a new one.";

    public static IEndpointRouteBuilder MapPasswordResetPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ForgotPath, (HttpContext context, IAntiforgery antiforgery) => ForgotPage(context, antiforgery, null, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(ForgotPath, RequestAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet(ResetPath, (HttpContext context, IAntiforgery antiforgery, string? tenant, string? userId, string? token) =>
                ResetPage(context, antiforgery, tenant, userId, token, null, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(ResetPath, ResetAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RequestAsync(HttpContext context, IAntiforgery antiforgery, ITenantStore tenants, ICurrentTenant currentTenant,
        UserManager<IdentityUserAccount> users, FailedAuthenticationLimiter attempts, AccountEmails accountEmails)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        // Every request counts against the address, as failed sign-ins do: asking is free of charge to no one.
        if (attempts.RetryAfter(context.Connection.RemoteIpAddress) is not null
            || await attempts.RecordFailureAsync(context.Connection.RemoteIpAddress, context.RequestAborted) is not null)
        {
            return ForgotPage(context, antiforgery, "Too many requests from this address: wait before trying again.", StatusCodes.Status429TooManyRequests);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var tenantName = form["tenant"].ToString().Trim();
        var userName = form["userName"].ToString().Trim();
        var tenant = tenantName.Length == 0 ? null : await tenants.FindByNameAsync(tenantName, context.RequestAborted);
        if ((tenantName.Length == 0 || tenant is { IsActive: true }) && userName.Length > 0)
        {
            using var tenantScope = currentTenant.Change(tenant?.Id);
            var user = await users.FindByNameAsync(userName) ?? (userName.Contains('@') ? await users.FindByEmailAsync(userName) : null);
            if (user is { IsActive: true })
            {
                await accountEmails.SendPasswordResetAsync(new AccountEmailRecipient(user.Id, user.UserName!, user.Email, user.Name), tenant?.Id,
                    tenant?.Name, await users.GeneratePasswordResetTokenAsync(user), context.RequestAborted);
            }
        }

        return ForgotPage(context, antiforgery, Requested, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ResetAsync(HttpContext context, IAntiforgery antiforgery, ITenantStore tenants, ICurrentTenant currentTenant,
        UserManager<IdentityUserAccount> users, FailedAuthenticationLimiter attempts, SecurityLog securityLog)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var tenantName = form["tenant"].ToString().Trim();
        var userId = form["userId"].ToString();
        var token = form["token"].ToString();
        var password = form["password"].ToString();
        if (attempts.RetryAfter(context.Connection.RemoteIpAddress) is not null)
        {
            return ResetPage(context, antiforgery, tenantName, userId, token, "Too many failed attempts from this address: wait before trying again.",
                StatusCodes.Status429TooManyRequests);
        }

        var tenant = tenantName.Length == 0 ? null : await tenants.FindByNameAsync(tenantName, context.RequestAborted);
        using var tenantScope = currentTenant.Change(tenant?.Id);
        var user = tenantName.Length > 0 && tenant is not { IsActive: true } ? null : await users.FindByIdAsync(userId);
        var result = user is { IsActive: true } ? await users.ResetPasswordAsync(user, token, password) : null;
        if (result is { Succeeded: true })
        {
            await securityLog.WriteAsync(SecurityLogAction.PasswordReset, user!.UserName, context.Connection.RemoteIpAddress?.ToString(),
                context.RequestAborted);
            return ResetPage(context, antiforgery, tenantName, null, null, "Your password is changed: sign in with it.", StatusCodes.Status200OK);
        }

        if (result is not null && result.Errors.All(error => error.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            return ResetPage(context, antiforgery, tenantName, userId, token,
                string.Join(" ", result.Errors.Select(error => error.Description)), StatusCodes.Status400BadRequest);
        }

        await attempts.RecordFailureAsync(context.Connection.RemoteIpAddress, context.RequestAborted);
        return ResetPage(context, antiforgery, tenantName, null, null, InvalidLink, StatusCodes.Status400BadRequest);
    }

    private static IResult ForgotPage(HttpContext context, IAntiforgery antiforgery, string? message, int status) =>
        Html(context, "Forgot your password", message, status, antiforgery, ForgotPath, """
            <p><label>Tenant (empty for the host) <input name="tenant" autocomplete="organization"></label></p>
            <p><label>User name or email <input name="userName" required autocomplete="username"></label></p>
            <p><button type="submit">Send me a link</button></p>
            """);

    private static IResult ResetPage(HttpContext context, IAntiforgery antiforgery, string? tenant, string? userId, string? token, string? message,
        int status) =>
        Html(context, "Choose a new password", message, status, antiforgery, ResetPath, userId is null ? "" : $"""
            <input type="hidden" name="tenant" value="{E(tenant)}">
            <input type="hidden" name="userId" value="{E(userId)}">
            <input type="hidden" name="token" value="{E(token)}">
            <p><label>New password <input name="password" type="password" required autocomplete="new-password"></label></p>
            <p><button type="submit">Change my password</button></p>
            """);

    private static IResult Html(HttpContext context, string title, string? message, int status, IAntiforgery antiforgery, string action, string fields) =>
        AccountPage.Render(context, antiforgery, title, message, status, action, fields, $"""<p><a href="{SignInPage.Path}">Sign in</a></p>""");

    private static string E(string? value) => AccountPage.Encode(value);
}
