using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Messaging.EmailQueue.Admin;
using Messaging.EmailQueue.Delivery;
using Messaging.EmailQueue.EventHandlers;
using Messaging.EmailQueue.Events;
using Messaging.EmailQueue.Inbound;
using Messaging.EmailQueue.Templates;
using Messaging.EventBus;
using Messaging.Messages.Events;
using Messaging.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>
/// The EmailQueue module's application layer: publishing and its status read, the handler that queues events, delivery
/// with its classification and, on instances that run workers, the delivery worker; dead letters, suppression and SMTP settings;
/// inbound webhooks: phase 1 and the rule cache, phase 2's task processor where requests arrive and its recovery where jobs run.
/// </summary>
public static class EmailQueueApplicationModule
{
    public static IServiceCollection AddEmailQueueApplication(this IServiceCollection services, IConfiguration configuration,
        bool acceptsRequests = true, bool runsWorkers = true)
    {
        services.AddPermissions(EmailQueuePermissions.All);
        services.AddOptions<EmailQueueOptions>().Bind(configuration.GetSection(EmailQueueOptions.SectionName))
            .Validate(o => o.IsValid,
                "EmailQueue: MaxAttempts, BatchSize, MaxConcurrentSends, DeadLetterCap and MaxTemplateVersions must be at least 1, delays, durations and replay rates positive, MaxRetryDelay at least FirstRetryDelay, DeadLetterReplayRate at most MaxDeadLetterReplayRate, DefaultFrom and PickupFolder set.")
            .ValidateOnStart();
        services.AddOptions<OutboundAddressOptions>().Bind(configuration.GetSection(OutboundAddressOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmailQueueMetrics>();
        services.AddSingleton<EmailQueueSignal>();
        services.AddScoped<EmailEventPublishing>();
        services.AddScoped<IEmailEventPublisher, EmailEventPublisher>();
        services.AddScoped<IEmailEventAppService, EmailEventAppService>();
        services.AddDistributedEventHandler<EmailEventAcceptedEto, QueueEmailEventHandler>();
        services.AddDistributedEventHandler<EmailMessageQueuedEto, AcceptEmailMessageHandler>();

        services.AddSingleton(provider => new SmtpErrorClassifier(provider.GetRequiredService<IOptions<EmailQueueOptions>>().Value.Classification
            .Select(entry => new SmtpClassificationRule(entry.Key, entry.Value))));
        services.AddScoped<ISmtpEndpointResolver, SmtpEndpointResolver>();
        services.AddTenantCache();
        services.AddSingleton<EmailRenderer>();
        services.AddScoped<IEmailTemplateAppService, EmailTemplateAppService>();
        services.AddSingleton<EmailDelivery>();
        services.AddScoped<IEmailSmtpSettingsAppService, EmailSmtpSettingsAppService>();
        services.AddScoped<IEmailDeadLetterAppService, EmailDeadLetterAppService>();
        services.AddScoped<IEmailSuppressionAppService, EmailSuppressionAppService>();
        services.AddScoped<EmailQueueAuditLog>();
        services.AddScoped<EmailQueueOwner>();
        services.AddScoped<DeadLetterReplay>();
        services.AddScoped<DeadLetterPurge>();
        services.AddRetentionSweepJob<ExpireEmailEventsJob, ExpireEmailEventsArgs>(ExpireEmailEventsJob.RecurringJobId, new(), "29 * * * *");
        services.AddRetentionSweepJob<ExpireDeadLettersJob, ExpireDeadLettersArgs>(ExpireDeadLettersJob.RecurringJobId, new(), "47 * * * *");
        if (runsWorkers)
        {
            services.AddHostedService<EmailDeliveryWorker>();
        }

        return services.AddInboundEmail(configuration, acceptsRequests, runsWorkers);
    }

    private static IServiceCollection AddInboundEmail(this IServiceCollection services, IConfiguration configuration, bool acceptsRequests, bool runsWorkers)
    {
        services.AddOptions<InboundEmailOptions>().Bind(configuration.GetSection(InboundEmailOptions.SectionName))
            .Validate(o => o.IsValid,
                "EmailQueue:Inbound: sizes and attempts must be at least 1, durations positive, MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton<InboundEmailMetrics>();
        services.AddSingleton<InboundRuleCache>();
        services.AddSingleton<InboundTaskProcessor>();
        services.AddScoped<IInboundWebhookAppService, InboundWebhookAppService>();
        services.AddScoped<IInboundWorkerAppService, InboundWorkerAppService>();
        services.AddScoped<IEmailRuleAppService, EmailRuleAppService>();
        services.AddHostedService<InboundRuleCacheListener>();
        services.AddRetentionSweepJob<ExpireInboundEmailsJob, ExpireInboundEmailsArgs>(ExpireInboundEmailsJob.RecurringJobId, new(), "37 * * * *");
        if (acceptsRequests)
        {
            services.AddHostedService(provider => provider.GetRequiredService<InboundTaskProcessor>());
        }

        if (runsWorkers)
        {
            services.AddSingleton<InboundRecoverySignal>();
            services.AddHostedService<InboundRecoveryWorker>();
        }

        return services;
    }
}
