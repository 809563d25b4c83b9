using Messaging.Attachment.Events;
using Messaging.EmailQueue;
using Messaging.EmailQueue.Payloads;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.Identity;
using Messaging.MultiTenancy;

namespace Messaging.Attachment;

/// <summary>
/// Tells the person who uploaded a file that it failed for good, by email through the EmailQueue module's contract, in
/// the transaction that handles the failure event (so once). Uploads made with an API key, and users without an email
/// address, have nobody to tell; their failure is in the status, the progress stream and the log.
/// </summary>
public sealed class NotifyUploaderOfFailureHandler(
    ICurrentTenant currentTenant,
    IAttachmentRepository attachments,
    IIdentityUserAppService users,
    IEmailEventPublisher emails) : IDistributedEventHandler<AttachmentProgressChangedEto>
{
    public async Task HandleEventAsync(AttachmentProgressChangedEto eventData, CancellationToken cancellationToken)
    {
        if (eventData.Status != AttachmentStatus.Failed || eventData.TenantId is not { } tenantId)
        {
            return;
        }

        using var tenant = currentTenant.Change(tenantId);
        if (await attachments.FindAsync(eventData.AttachmentId, cancellationToken) is not { UploadedBy: { } uploaderId } job
            || await FindEmailAsync(uploaderId, cancellationToken) is not { } address)
        {
            return;
        }

        await emails.PublishMessageAsync(new MessagePayload
        {
            To = address,
            Subject = $"{job.FileName} could not be processed",
            Text = $"The file {job.FileName} you uploaded on {job.CreatedAt:u} could not be processed: {eventData.Error ?? job.Error}\n"
                + $"Its attachment id is {job.Id}. Upload it again once the problem is corrected."
        }, $"attachment-failed:{job.Id:N}", cancellationToken);
    }

    private async Task<string?> FindEmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            return (await users.GetAsync(userId, cancellationToken)).Email is { Length: > 0 } email ? email : null;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
    }
}
