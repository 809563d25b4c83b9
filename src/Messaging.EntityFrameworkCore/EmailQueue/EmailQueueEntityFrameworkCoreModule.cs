using Messaging.EmailQueue;
using Messaging.EmailQueue.Inbound;
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
        services.AddScoped<IEmailQueueAuditRepository, EfCoreEmailQueueAuditRepository>();
        services.AddScoped<IEmailTemplateRepository, EfCoreEmailTemplateRepository>();
        services.AddScoped<IInboundWorkerRepository, EfCoreInboundWorkerRepository>();
        services.AddScoped<IEmailRuleRepository, EfCoreEmailRuleRepository>();
        services.AddScoped<IInboundRuleSource, EfCoreInboundRuleSource>();
        services.AddScoped<IInboundEmailStore, EfCoreInboundEmailStore>();
        services.AddScoped<IInboundBatchWriter, EfCoreInboundBatchWriter>();
        return services;
    }
}
