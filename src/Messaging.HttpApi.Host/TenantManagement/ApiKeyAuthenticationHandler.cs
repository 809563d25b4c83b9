using System.Security.Claims;
using System.Text.Encodings.Web;
using Messaging.Authentication;
using Messaging.ExceptionHandling;
using Messaging.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Messaging.TenantManagement;

/// <summary>Authenticates the <c>X-Api-Key</c> header; answers 401 and 403 as problem documents.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    FailedAuthenticationLimiter failedAttempts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = MessagingAuthenticationSchemes.ApiKey;
    public const string HeaderName = MessagingAuthenticationSchemes.ApiKeyHeader;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var client = Context.Connection.RemoteIpAddress;
        ApiKeyIdentity? identity;
        if (failedAttempts.RetryAfter(client) is { } stillRefused)
        {
            identity = await authenticator.FindCachedAsync(presented, Context.RequestAborted);
            if (identity is null)
            {
                return Throttled(stillRefused);
            }
        }
        else
        {
            identity = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
            if (identity is null)
            {
                return await failedAttempts.RecordFailureAsync(client, Context.RequestAborted) is { } retryAfter
                    ? Throttled(retryAfter)
                    : AuthenticateResult.Fail("The API key is unknown or revoked.");
            }
        }

        var claims = new List<Claim> { new(MessagingClaims.KeyId, identity.KeyId.ToString()) };
        if (identity.KeyName is { } keyName)
        {
            claims.Add(new Claim(MessagingClaims.KeyName, keyName));
        }

        if (identity.TenantId is { } tenantId)
        {
            // The rate limiter reads the tenant's tier and override from the cached identity, not from the database.
            Context.Features.Set(new RateLimitedTenant(tenantId, identity.Tier!.Value, identity.RateLimitOverride));
            claims.Add(new Claim(MessagingClaims.TenantId, tenantId.ToString()));
            claims.Add(new Claim(MessagingClaims.Tier, identity.Tier!.Value.ToString()));
            claims.Add(new Claim(MessagingClaims.TenantActive, identity.TenantIsActive ? "true" : "false"));
        }
        else
        {
            claims.Add(new Claim(MessagingClaims.Role, MessagingClaims.HostAdminRole));
        }

        foreach (var permission in identity.Permissions)
        {
            claims.Add(new Claim(MessagingClaims.Permission, permission));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Features.Get<FailedAuthenticationThrottled>() is { } throttled)
        {
            // The exception handler writes it as every other 429: a problem with a code and Retry-After.
            throw new TooManyRequestsException(MessagingErrorCodes.TooManyFailedAuthentications,
                "Too many requests from this address had an unknown or revoked API key; wait before trying again.", throttled.RetryAfter);
        }

        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Send a valid, unrevoked API key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            Context.User.HasClaim(MessagingClaims.TenantActive, "false")
                ? "This tenant is deactivated."
                : "This API key may not call this endpoint, or lacks the permission it needs.");

    private AuthenticateResult Throttled(TimeSpan retryAfter)
    {
        Context.Features.Set(new FailedAuthenticationThrottled(retryAfter));
        return AuthenticateResult.Fail("Too many failed attempts from this address.");
    }

    private sealed record FailedAuthenticationThrottled(TimeSpan RetryAfter);

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail }
        });
    }
}
