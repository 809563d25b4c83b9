using Microsoft.AspNetCore.Authentication;

namespace Messaging.TenantManagement;

public static class ApiKeyAuthenticationSetup
{
    /// <summary>The <c>X-Api-Key</c> scheme: keys are TenantManagement's, so is the handler that checks them.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        return services;
    }
}
