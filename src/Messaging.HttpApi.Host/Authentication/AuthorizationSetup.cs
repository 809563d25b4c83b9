using Messaging.Authorization;
using Messaging.Users;
using Microsoft.AspNetCore.Authorization;

namespace Messaging.Authentication;

public static class AuthorizationSetup
{
    public static IServiceCollection AddMessagingAuthentication(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentUser, HttpContextCurrentUser>();
        services.AddOptions<FailedAuthenticationOptions>().BindConfiguration(FailedAuthenticationOptions.SectionName)
            .Validate(options => options is { PerMinute: > 0, Burst: > 0 },
                $"{FailedAuthenticationOptions.SectionName}:PerMinute and Burst must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddAuthentication(MessagingAuthenticationSchemes.Default)
            .AddPolicyScheme(MessagingAuthenticationSchemes.Default, null, scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? MessagingAuthenticationSchemes.BearerToken
                    : MessagingAuthenticationSchemes.ApiKey);
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            // An endpoint that names no policy is closed, not open: anonymous endpoints say so with AllowAnonymous.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(MessagingPolicies.HostAdmin, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(MessagingClaims.Role, MessagingClaims.HostAdminRole))
            .AddPolicy(MessagingPolicies.Tenant, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(MessagingClaims.TenantId)
                .RequireClaim(MessagingClaims.TenantActive, "true"))
            .AddPolicy(MessagingPolicies.HostAdminOrTenant, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasClaim(MessagingClaims.Role, MessagingClaims.HostAdminRole)
                    || (context.User.HasClaim(claim => claim.Type == MessagingClaims.TenantId)
                        && context.User.HasClaim(MessagingClaims.TenantActive, "true"))));
        return services;
    }
}
