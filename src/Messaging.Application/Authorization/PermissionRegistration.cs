using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Authorization;

public static class PermissionRegistration
{
    /// <summary>Adds a module's permissions to the <see cref="PermissionCatalog"/>.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, IEnumerable<PermissionDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            services.AddSingleton(definition);
        }

        services.TryAddSingleton<PermissionCatalog>();
        return services;
    }
}
