using Messaging.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Identity;

/// <summary>The Identity module's application layer: its permissions and what the static roles grant.</summary>
public static class IdentityApplicationModule
{
    public static IServiceCollection AddIdentityApplication(this IServiceCollection services)
    {
        services.AddPermissions(IdentityPermissions.All);
        services.AddSingleton<StaticRolePermissions>();
        return services;
    }
}
