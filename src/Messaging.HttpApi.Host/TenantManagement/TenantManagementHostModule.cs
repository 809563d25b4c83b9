using Messaging.EntityFrameworkCore.TenantManagement;

namespace Messaging.TenantManagement;

/// <summary>The TenantManagement module in every layer, with the API-key authentication scheme it owns.</summary>
public static class TenantManagementHostModule
{
    public static IServiceCollection AddTenantManagementModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles) =>
        services
            .AddTenantManagementApplication(roles.AcceptsRequests)
            .AddTenantManagementEntityFrameworkCore(configuration)
            .AddApiKeyAuthentication();
}
