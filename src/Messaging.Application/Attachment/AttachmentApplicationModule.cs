using Messaging.Attachment.Events;
using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Caching;
using Messaging.EventBus;
using Messaging.ServerSentEvents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Attachment;

/// <summary>
/// The Attachment module's application layer: uploads, status, links, deletion and the audit log; processing with its
/// worker where jobs run; the blob deletion job and the daily orphan sweep (<c>attachment.sweep-orphans</c>, 03:17).
/// </summary>
public static class AttachmentApplicationModule
{
    public static IServiceCollection AddAttachmentApplication(this IServiceCollection services, IConfiguration configuration, bool runsWorkers = true)
    {
        services.AddPermissions(AttachmentPermissions.All);
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.SectionName))
            .Validate(o => o.IsValid,
                "Attachment: every MaxUploadBytes positive, MaxAttempts and BatchSize at least 1, delays and durations positive, "
                + "ClaimDuration longer than ProcessingTimeout, DefaultLinkLifetime at most 7 days.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddServerSentEvents(configuration);
        services.AddDistributedEventHandler<AttachmentProgressChangedEto, AttachmentProgressRelay>();
        services.AddDistributedEventHandler<AttachmentProgressChangedEto, NotifyUploaderOfFailureHandler>();
        services.AddSingleton<AttachmentMetrics>();
        services.AddSingleton<AttachmentQueueSignal>();
        services.AddSingleton<AttachmentWorkerHeartbeat>();
        services.AddSingleton<BlobStorage>();
        services.AddSingleton<DownloadLinkSigner>();
        services.AddSingleton<BlobDeletion>();
        services.AddSingleton<AttachmentSweep>();
        services.AddSingleton<AttachmentResultStash>();
        services.AddSingleton<AttachmentProcessing>();
        services.AddTenantCache();
        services.AddSingleton<AttachmentStatusCache>();
        services.AddScoped<IAttachmentAppService, AttachmentAppService>();
        services.AddScoped<IAttachmentSweepAppService, AttachmentSweepAppService>();
        services.AddScoped<DeleteAttachmentBlobJob>();
        services.AddRecurringJob<AttachmentSweepJob, AttachmentSweepArgs>(AttachmentSweepJob.RecurringJobId, new(), "17 3 * * *");
        if (runsWorkers)
        {
            services.AddHostedService<AttachmentWorker>();
        }

        return services;
    }
}
