using Messaging.Authentication;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Identity;

/// <summary>
/// Where the link in the welcome email leads: the address is confirmed by a form post, not by opening the link, so a
/// mail scanner that fetches every link confirms nothing. The token is ASP.NET Core Identity's, time-limited.
/// </summary>
public static class EmailConfirmationPage
{
    public const string Path = AccountPaths.ConfirmEmail;

    private const string InvalidLink = "This link is invalid or expired: ask your administrator for a new one.";

    public static IEndpointRouteBuilder MapEmailConfirmationPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? tenant, string? userId, string? token) =>
                Page(context, antiforgery, tenant, userId, token, null, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(Path, ConfirmAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, IAntiforgery antiforgery, ITenantStore tenants, ICurrentTenant currentTenant,
        UserManager<IdentityUserAccount> users, FailedAuthenticationLimiter attempts, SecurityLog securityLog)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var tenantName = form["tenant"].ToString().Trim();
        if (attempts.RetryAfter(context.Connection.RemoteIpAddress) is not null)
        {
            return Page(context, antiforgery, null, null, null, "Too many failed attempts from this address: wait before trying again.",
                StatusCodes.Status429TooManyRequests);
        }

        var tenant = tenantName.Length == 0 ? null : await tenants.FindByNameAsync(tenantName, context.RequestAborted);
        using var tenantScope = currentTenant.Change(tenant?.Id);
        var user = tenantName.Length > 0 && tenant is not { IsActive: true } ? null : await users.FindByIdAsync(form["userId"].ToString());
        var result = user is { IsActive: true } ? await users.ConfirmEmailAsync(user, form["token"].ToString()) : null;
        if (result is { Succeeded: true })
        {
            await securityLog.WriteAsync(SecurityLogAction.EmailConfirmed, user!.UserName, context.Connection.RemoteIpAddress?.ToString(),
                context.RequestAborted);
            return Page(context, antiforgery, null, null, null, "Your email address is confirmed.", StatusCodes.Status200OK);
        }

        await attempts.RecordFailureAsync(context.Connection.RemoteIpAddress, context.RequestAborted);
        return Page(context, antiforgery, null, null, null, InvalidLink, StatusCodes.Status400BadRequest);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? tenant, string? userId, string? token, string? message,
        int status) =>
        AccountPage.Render(context, antiforgery, "Confirm your email address", message, status, Path, userId is null ? "" : $"""
            <input type="hidden" name="tenant" value="{AccountPage.Encode(tenant)}">
            <input type="hidden" name="userId" value="{AccountPage.Encode(userId)}">
            <input type="hidden" name="token" value="{AccountPage.Encode(token)}">
            <p><button type="submit">Confirm my email address</button></p>
            """, $"""<p><a href="{SignInPage.Path}">Sign in</a></p>""");
}
