using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Identity;

/// <summary>The Identity module's application layer: its permissions, what the static roles grant, users, roles and profiles.</summary>
public static class IdentityApplicationModule
{
    public static IServiceCollection AddIdentityApplication(this IServiceCollection services)
    {
        services.AddPermissions(IdentityPermissions.All);
        services.AddSingleton<StaticRolePermissions>();
        services.AddSingleton<RolePermissions>();
        services.AddInstanceCache();
        services.AddRetentionSweepJob<PruneSignInTokensJob, PruneSignInTokensArgs>(PruneSignInTokensJob.RecurringJobId, new(), "29 3 * * *");
        services.AddScoped<IIdentityUserAppService, IdentityUserAppService>();
        services.AddScoped<IIdentityRoleAppService, IdentityRoleAppService>();
        services.AddScoped<IPermissionAppService, PermissionAppService>();
        services.AddScoped<IProfileAppService, ProfileAppService>();
        services.AddScoped<ISecurityLogAppService, SecurityLogAppService>();
        services.AddScoped<IMachineClientAppService, MachineClientAppService>();
        services.AddScoped<SecurityLog>();
        services.AddScoped<AccountEmails>();
        return services;
    }
}
