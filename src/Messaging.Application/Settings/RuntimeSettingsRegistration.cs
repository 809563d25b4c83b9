using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Settings;

public static class RuntimeSettingsRegistration
{
    /// <summary>
    /// Lets stored versions of <typeparamref name="TOptions"/> replace configuration's at runtime, on every instance:
    /// <see cref="RuntimeSettingsEditor{TOptions, TVersion}"/> stores and announces a change, the loader applies the
    /// newest version at start, on every announcement and by polling. Register it before the module's workers, so the
    /// loader starts before them.
    /// </summary>
    public static IServiceCollection AddRuntimeSettings<TOptions, TVersion>(this IServiceCollection services, IConfiguration configuration,
        RuntimeSettingsDefinition<TOptions> definition)
        where TOptions : class, new()
        where TVersion : SettingsVersion, ICreateSettingsVersion<TVersion>
    {
        if (!services.Any(service => service.ServiceType == typeof(IConfigureOptions<RuntimeSettingsOptions>)))
        {
            services.AddOptions<RuntimeSettingsOptions>().Bind(configuration.GetSection(RuntimeSettingsOptions.SectionName));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(definition);
        services.AddSingleton<AppliedRuntimeSettings<TOptions>>();
        services.AddSingleton<IPostConfigureOptions<TOptions>>(provider => provider.GetRequiredService<AppliedRuntimeSettings<TOptions>>());
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(provider => provider.GetRequiredService<AppliedRuntimeSettings<TOptions>>());
        services.AddSingleton<RuntimeSettingsValidation<TOptions>>();
        services.AddSingleton<RuntimeSettingsApplier<TOptions>>();
        services.AddSingleton<RuntimeSettingsLoader<TOptions, TVersion>>();
        services.AddHostedService(provider => provider.GetRequiredService<RuntimeSettingsLoader<TOptions, TVersion>>());
        services.AddScoped<RuntimeSettingsEditor<TOptions, TVersion>>();
        return services;
    }
}
