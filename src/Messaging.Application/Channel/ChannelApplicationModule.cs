using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Messaging.ServerSentEvents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Channel;

/// <summary>
/// The Channel module's application layer: channels and their cached metadata, posting (live through the SSE hub),
/// history and its replay for resuming subscribers, delayed messages with their cap, their delivery worker (where jobs
/// run) and their cleanup (a retention sweep every 5 minutes, and the cron endpoint's).
/// </summary>
public static class ChannelApplicationModule
{
    public static IServiceCollection AddChannelApplication(this IServiceCollection services, IConfiguration configuration, bool runsWorkers = true)
    {
        services.AddPermissions(ChannelPermissions.All);
        services.AddOptions<ChannelOptions>().Bind(configuration.GetSection(ChannelOptions.SectionName))
            .Validate(o => o.IsValid,
                "Channel: durations positive (SubscriptionTokenLifetime at most an hour), ReplayCount and DelayedMessages' caps and sizes at least 1.")
            .ValidateOnStart();
        services.AddServerSentEvents(configuration);
        services.AddTenantCache();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelMetrics>();
        services.AddSingleton<ChannelMetadataCache>();
        services.AddSingleton<DelayedMessageSignal>();
        services.AddSingleton<DelayedMessageDelivery>();
        services.AddSingleton<ISseReplaySource, ChannelReplaySource>();
        services.AddScoped<ChannelPosting>();
        services.AddScoped<IChannelAppService, ChannelAppService>();
        services.AddScoped<IChannelMessageAppService, ChannelMessageAppService>();
        services.AddScoped<IChannelCronAppService, ChannelCronAppService>();
        services.AddRetentionSweepJob<CleanupDelayedMessagesJob, CleanupDelayedMessagesArgs>(CleanupDelayedMessagesJob.RecurringJobId, new(),
            CleanupDelayedMessagesJob.Schedule);
        if (runsWorkers)
        {
            services.AddHostedService<DelayedMessageWorker>();
        }

        return services;
    }
}
