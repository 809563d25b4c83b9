using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Messaging.CircuitBreaking;
using Messaging.EmailQueue.Events;
using Messaging.EventBus;
using Messaging.FlowControl;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.Messages.Dispatch;
using Messaging.Messages.EventHandlers;
using Messaging.Messages.Events;
using Messaging.Messages.Feed;
using Messaging.Messages.Ingestion;
using Messaging.Messages.Settings;
using Messaging.RateLimiting;
using Messaging.Security;
using Messaging.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

/// <summary>The Messages module's application layer: app services, the hot path, dispatch, receipts, callbacks and their workers.</summary>
public static class MessagesApplicationModule
{
    /// <param name="acceptsRequests">Whether this instance answers API requests; only those run the group-commit writer.</param>
    /// <param name="runsWorkers">Whether this instance dispatches messages and delivers status callbacks.</param>
    public static IServiceCollection AddMessagesApplication(this IServiceCollection services, IConfiguration configuration,
        bool acceptsRequests = true, bool runsWorkers = true)
    {
        // First, so it reads the options before any stored settings apply, as the ingestion it guards does.
        services.AddHostedService<NoOpIngestionGuard>();
        services.AddPermissions(MessagesPermissions.All);
        services.AddOptions<HighThroughputOptions>()
            .Bind(configuration.GetSection(HighThroughputOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HighThroughputOptions>, HighThroughputOptionsValidator>();
        services.AddSingleton<IValidateOptions<HighThroughputOptions>, CircuitBreakerOptionsValidator>();
        services.AddSingleton<IValidateOptions<HighThroughputOptions>, DispatchOptionsValidator>();
        services.AddSingleton<IValidateOptions<HighThroughputOptions>, HighThroughputRateLimitingValidator>();
        services.AddOptionsSection<HighThroughputOptions, CircuitBreakerOptions>(options => options.CircuitBreaker);
        services.AddOptionsSection<HighThroughputOptions, RateLimitingOptions>(options => options.RateLimiting);
        services.AddOptionsSection<HighThroughputOptions, MemoryFlowControlOptions>(options => options.Memory);
        AddHighThroughputSettings(services, configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MessageBuffer>();
        services.AddSingleton<MessagingMetrics>();
        services.AddSingleton<IMessageIngestion>(provider =>
            provider.GetRequiredService<IOptions<HighThroughputOptions>>().Value.Ingestion.Mode switch
            {
                IngestionMode.Direct => ActivatorUtilities.CreateInstance<DirectIngestion>(provider),
                IngestionMode.NoOp => new NoOpIngestion(),
                _ => ActivatorUtilities.CreateInstance<GroupCommitIngestion>(provider)
            });
        if (acceptsRequests)
        {
            services.AddHostedService<GroupCommitWriter>();
        }

        services.AddScoped<IMessageAppService, MessageAppService>();
        services.AddSingleton<MessageAcceptance>();
        services.AddScoped<SendManyMessages>();
        services.AddScoped<MessageCancellation>();
        services.AddRetentionSweepJob<ExpireIdempotencyKeysJob, ExpireIdempotencyKeysArgs>(ExpireIdempotencyKeysJob.RecurringJobId, new(), "17 * * * *");
        services.AddOptions<AcceptedSweepOptions>().Bind(configuration.GetSection(AcceptedSweepOptions.SectionName))
            .Validate(o => o.StuckAfter > TimeSpan.Zero && o.BatchSize >= 1, "Messages:AcceptedSweep: StuckAfter must be positive and BatchSize at least 1.")
            .ValidateOnStart();
        services.AddRecurringJob<RepublishStuckAcceptedMessagesJob, RepublishStuckAcceptedMessagesArgs>(
            RepublishStuckAcceptedMessagesJob.RecurringJobId, new(), "* * * * *");
        services.AddScoped<IMessageFeedAppService, MessageFeedAppService>();

        services.AddDistributedEventHandler<MessageAcceptedEto, QueueAcceptedMessageHandler>();
        services.AddDistributedEventHandler<EmailEventCompletedEto, RecordEmailOutcomeHandler>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<DispatchMetrics>();
        services.AddScoped<MessageSenders>();
        services.AddSingleton<MessageDispatcher>();
        services.AddReceiptsAndCallbacks(configuration);
        if (runsWorkers)
        {
            services.AddHostedService<MessageDispatchWorker>();
            services.AddHostedService<StatusCallbackDeliveryWorker>();
        }

        services.AddOptions<DeliveryProviderOptions>().Bind(configuration.GetSection(DeliveryProviderOptions.SectionName));
        services.AddOptions<OutboundAddressOptions>().Bind(configuration.GetSection(OutboundAddressOptions.SectionName));
        services.AddSingleton<ProviderEndpointCache>();
        services.AddSingleton<IProviderEndpointResolver, ProviderEndpointResolver>();
        services.AddInstanceCache();
        services.AddScoped<IMessageProviderAppService, MessageProviderAppService>();
        services.AddSingleton<ProviderCallPipeline>();
        services.AddSingleton<IProviderCallPolicy>(provider => provider.GetRequiredService<ProviderCallPipeline>());
        return services;
    }

    /// <summary>
    /// Stored versions of the <c>HighThroughput</c> settings replace configuration's at runtime, on every instance.
    /// The loader is registered before the module's workers so it starts before them; the shared mechanisms' workers
    /// registered earlier read their sections through monitors that follow the loaded settings.
    /// </summary>
    private static void AddHighThroughputSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddRuntimeSettings<HighThroughputOptions, HighThroughputSettingsVersion>(configuration, HighThroughputSettings.Definition);
        services.AddScoped<IHighThroughputSettingsAppService, HighThroughputSettingsAppService>();
    }
}
