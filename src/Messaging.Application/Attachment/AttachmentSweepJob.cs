using Messaging.BackgroundJobs;
using Messaging.ExceptionHandling;

namespace Messaging.Attachment;

public sealed record AttachmentSweepArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>The daily orphan sweep.</summary>
public sealed class AttachmentSweepJob(AttachmentSweep sweep) : IBackgroundJob<AttachmentSweepArgs>
{
    public const string RecurringJobId = "attachment.sweep-orphans";

    public Task ExecuteAsync(AttachmentSweepArgs args, CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}

/// <summary>The sweep on demand, for the host admin; 409 while another instance sweeps.</summary>
public sealed class AttachmentSweepAppService(AttachmentSweep sweep) : IAttachmentSweepAppService
{
    public async Task<AttachmentSweepReportDto> SweepAsync(CancellationToken cancellationToken = default) =>
        await sweep.RunAsync(cancellationToken) ?? throw new ConflictException("A sweep is running on another instance; try again when it has finished.");
}
