using Messaging.EmailQueue;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.EmailQueue;

/// <summary>The EmailQueue module's repositories on the shared context.</summary>
public static class EmailQueueEntityFrameworkCoreModule
{
    public static IServiceCollection AddEmailQueueEntityFrameworkCore(this IServiceCollection services)
    {
        services.AddScoped<IEmailEventRepository, EfCoreEmailEventRepository>();
        services.AddScoped<IEmailDeliveryStore, EfCoreEmailDeliveryStore>();
        services.AddScoped<IEmailSuppressionRepository, EfCoreEmailSuppressionRepository>();
        services.AddScoped<ISmtpSettingsRepository, EfCoreSmtpSettingsRepository>();
        return services;
    }
}
