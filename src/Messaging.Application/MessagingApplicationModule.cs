using Messaging.Caching;
using Messaging.CircuitBreaking;
using Messaging.EventBus;
using Messaging.FlowControl;
using Messaging.Messages;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.Messages.Dispatch;
using Messaging.Messages.EventHandlers;
using Messaging.Messages.Events;
using Messaging.Messages.Feed;
using Messaging.Messages.Ingestion;
using Messaging.Messages.Settings;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Messaging.Security;
using Messaging.Settings;
using Messaging.TenantManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging;

/// <summary>Registers the application layer: app services, the hot path and its background workers.</summary>
public static class MessagingApplicationModule
{
    /// <param name="acceptsRequests">
    /// Whether this instance answers API requests; only those run the group-commit writer and the key-cache workers.
    /// </param>
    /// <param name="runsWorkers">Whether this instance relays the outbox (and, later, consumes and dispatches).</param>
    public static IServiceCollection AddMessagingApplication(this IServiceCollection services, IConfiguration configuration,
        bool acceptsRequests = true, bool runsWorkers = true)
    {
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
        services.AddSingleton<TenantRateLimitPolicy>();
        services.AddSingleton<RateLimitMetrics>();
        AddRuntimeSettings(services, configuration);
        AddMemoryFlowControl(services);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>();

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
            services.AddHostedService<ApiKeyUsageFlusher>();
            services.AddHostedService<ApiKeyEvictionListener>();
        }

        services.AddScoped<IMessageAppService, MessageAppService>();
        services.AddSingleton<MessageAcceptance>();
        services.AddScoped<SendManyMessages>();
        services.AddScoped<MessageCancellation>();
        services.AddSingleton<TenantCache>();
        services.AddScoped<BatchedExpiry>();
        services.AddScoped<ExpireIdempotencyKeysJob>();
        services.AddOptions<AcceptedSweepOptions>().Bind(configuration.GetSection(AcceptedSweepOptions.SectionName))
            .Validate(o => o.StuckAfter > TimeSpan.Zero && o.BatchSize >= 1, "Messages:AcceptedSweep: StuckAfter must be positive and BatchSize at least 1.")
            .ValidateOnStart();
        services.AddScoped<RepublishStuckAcceptedMessagesJob>();
        services.AddScoped<IMessageFeedAppService, MessageFeedAppService>();

        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddOptions<EventBusOptions>().Bind(configuration.GetSection(EventBusOptions.SectionName))
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay,
                "EventBus: RetryBaseDelay must be positive and RetryMaxDelay at least as long, or a failing event is retried in a tight loop.")
            .ValidateOnStart();
        services.AddSingleton(new EventTypeRegistry([typeof(IntegrationEvent).Assembly]));
        services.AddSingleton<OutboxMessageFactory>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<IEventDispatcher>(provider => provider.GetRequiredService<EventDispatcher>());
        services.AddScoped<IDistributedEventBus, OutboxEventBus>();
        services.AddScoped<IParkedEventAppService, ParkedEventAppService>();
        services.AddDistributedEventHandler<MessageAcceptedEto, QueueAcceptedMessageHandler>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<DispatchMetrics>();
        services.AddScoped<MessageSenders>();
        services.AddSingleton<MessageDispatcher>();
        services.AddReceiptsAndCallbacks(configuration);
        if (runsWorkers)
        {
            services.AddHostedService<OutboxRelay>();
            services.AddHostedService<MessageDispatchWorker>();
            services.AddHostedService<StatusCallbackDeliveryWorker>();
            // Where the dispatchers run; with Redis every instance would report the same circuits anyway.
            services.AddHostedService<CircuitStateSampler>();
        }

        services.AddOptions<DeliveryProviderOptions>().Bind(configuration.GetSection(DeliveryProviderOptions.SectionName));
        services.AddOptions<OutboundAddressOptions>().Bind(configuration.GetSection(OutboundAddressOptions.SectionName));
        services.AddSingleton<ProviderEndpointCache>();
        services.AddSingleton<IProviderEndpointResolver, ProviderEndpointResolver>();
        services.AddHostedService<ProviderConfigurationEvictionListener>();
        services.AddScoped<IMessageProviderAppService, MessageProviderAppService>();
        services.AddSingleton<CircuitMetrics>();
        services.AddSingleton<ICircuitMetrics>(provider => provider.GetRequiredService<CircuitMetrics>());
        services.AddSingleton<ProviderCallPipeline>();
        services.AddSingleton<IProviderCallPolicy>(provider => provider.GetRequiredService<ProviderCallPipeline>());
        services.AddScoped<ICircuitAppService, CircuitAppService>();

        services.AddScoped<ITenantAppService, TenantAppService>();
        services.AddScoped<ITenantStore, TenantStore>();
        services.AddScoped<IApiKeyAppService, ApiKeyAppService>();
        services.AddScoped<IHostApiKeyAppService, HostApiKeyAppService>();
        return services;
    }

    /// <summary>
    /// Stored versions of the <c>HighThroughput</c> settings replace configuration's at runtime, on every instance.
    /// The loader is registered first so it starts before the workers that read the settings.
    /// </summary>
    private static void AddRuntimeSettings(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuntimeSettingsOptions>().Bind(configuration.GetSection(RuntimeSettingsOptions.SectionName));
        services.AddSingleton<AppliedHighThroughputSettings>();
        services.AddSingleton<IPostConfigureOptions<HighThroughputOptions>>(provider => provider.GetRequiredService<AppliedHighThroughputSettings>());
        services.AddSingleton<IOptionsChangeTokenSource<HighThroughputOptions>>(provider => provider.GetRequiredService<AppliedHighThroughputSettings>());
        services.AddSingleton<HighThroughputSettingsValidation>();
        services.AddSingleton<HighThroughputSettingsApplier>();
        services.AddSingleton<HighThroughputSettingsLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<HighThroughputSettingsLoader>());
        services.AddScoped<IHighThroughputSettingsAppService, HighThroughputSettingsAppService>();
    }

    private static void AddMemoryFlowControl(IServiceCollection services)
    {
        services.TryAddSingleton<IMemoryProbe, ProcessMemoryProbe>();
        services.AddSingleton<FlowControlMetrics>();
        services.AddSingleton<MemoryFlowControl>();
        services.AddHostedService<MemoryMonitor>();
    }

    public static IServiceCollection AddDistributedEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IDistributedEventHandler<TEvent> =>
        services.AddScoped<IDistributedEventHandler<TEvent>, THandler>();
}
