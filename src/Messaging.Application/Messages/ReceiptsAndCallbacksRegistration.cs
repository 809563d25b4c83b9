using Messaging.BackgroundJobs;
using Messaging.EventBus;
using Messaging.Messages.Callbacks;
using Messaging.Messages.EventHandlers;
using Messaging.Messages.Events;
using Messaging.Messages.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

/// <summary>What happens after a message left: delivery receipts from providers and status callbacks to tenants.</summary>
internal static class ReceiptsAndCallbacksRegistration
{
    public static IServiceCollection AddReceiptsAndCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReceiptOptions>().Bind(configuration.GetSection(ReceiptOptions.SectionName))
            .Validate(o => o.SignatureTolerance > TimeSpan.Zero && o.Retention > TimeSpan.Zero && o.RetryAfter > TimeSpan.Zero,
                "Delivery:Receipts: SignatureTolerance, Retention and RetryAfter must be positive.")
            .Validate(o => o.RateLimit.PerClient.IsValid && o.RateLimit.Global.IsValid,
                "Delivery:Receipts:RateLimit: RequestsPerMinute, BurstLimit and ConcurrentRequests of PerClient and Global must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<StatusCallbackOptions>().Bind(configuration.GetSection(StatusCallbackOptions.SectionName))
            .Validate(o => o.IsValid,
                "Delivery:Callbacks: MaxAttempts, BatchSize, MaxPerTenantPerRound and MaxConcurrentPosts must be at least 1, delays and durations positive, MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();

        services.AddSingleton<ReceiptMetrics>();
        services.AddSingleton<ReceiptRateLimitPolicy>();
        services.AddScoped<ReceiptProcessor>();
        services.AddScoped<IMessageReceiptAppService, MessageReceiptAppService>();
        services.AddRetentionSweepJob<ExpireProcessedReceiptsJob, ExpireProcessedReceiptsArgs>(ExpireProcessedReceiptsJob.RecurringJobId, new(), "43 * * * *");

        services.AddSingleton<StatusCallbackMetrics>();
        services.AddScoped<StatusCallbackLookup>();
        services.AddScoped<IMessageStatusNotifier, MessageStatusNotifier>();
        services.AddScoped<IMessageCallbackAppService, MessageCallbackAppService>();
        services.AddScoped<StatusCallbackPoster>();
        services.AddSingleton<StatusCallbackSignal>();
        services.AddSingleton<StatusCallbackDelivery>();
        services.AddDistributedEventHandler<MessageStatusChangedEto, OweStatusCallbackHandler>();
        return services;
    }
}
