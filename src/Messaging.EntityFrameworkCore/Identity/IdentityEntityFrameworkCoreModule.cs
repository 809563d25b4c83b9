using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>ASP.NET Core Identity's managers over its EF Core stores in our context, its options and its seed.</summary>
public static class IdentityEntityFrameworkCoreModule
{
    /// <summary>Password policy, lockout and user rules: ASP.NET Core Identity's options, bound from <c>Identity</c>.</summary>
    public const string OptionsSectionName = "Identity";

    public static IdentityBuilder AddIdentityEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdentityOptions>(options =>
        {
            options.Lockout.MaxFailedAccessAttempts = 5;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            options.Password.RequiredLength = 12;
            options.User.RequireUniqueEmail = false;
        });
        services.Configure<IdentityOptions>(configuration.GetSection(OptionsSectionName));
        services.Configure<IdentitySeedOptions>(configuration.GetSection(IdentitySeedOptions.SectionName));
        services.Configure<IdentityServerOptions>(configuration.GetSection(IdentityServerOptions.SectionName));
        services.AddScoped<IUserAccountManager, UserAccountManager>();
        services.AddScoped<ITenantRoleStore, TenantRoleStore>();
        services.AddScoped<ISignInTokenPruner, OpenIddictTokenPruner>();
        services.AddScoped<ISecurityLogRepository, EfCoreSecurityLogRepository>();
        services.AddScoped<IMachineClientStore, MachineClientStore>();
        services.AddScoped<IDataSeedContributor, IdentityDataSeeder>();
        services.AddScoped<IDataSeedContributor, OpenIddictClientSeeder>();
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<MessagingDbContext>().ReplaceDefaultEntities<Guid>());
        return services.AddIdentityCore<IdentityUserAccount>()
            .AddRoles<IdentityRoleDefinition>()
            .AddEntityFrameworkStores<MessagingDbContext>();
    }
}
