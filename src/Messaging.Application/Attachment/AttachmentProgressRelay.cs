using System.Text.Json;
using Messaging.Attachment.Events;
using Messaging.EventBus;
using Messaging.ServerSentEvents;

namespace Messaging.Attachment;

/// <summary>
/// Relays each progress change from the outbox to the SSE hub's topic <c>attachment:{id}</c>, so a client following an
/// upload sees Queued, the processing steps and the end (Completed or Failed with its error) live, on any instance.
/// </summary>
public sealed class AttachmentProgressRelay(IServerSentEventPublisher hub) : IDistributedEventHandler<AttachmentProgressChangedEto>
{
    public const string TopicKind = "attachment";
    public const string ProgressEvent = "progress";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() }
    };

    public static SseTopic Topic(Guid tenantId, Guid attachmentId) => new(tenantId, $"{TopicKind}:{attachmentId:N}");

    public Task HandleEventAsync(AttachmentProgressChangedEto eventData, CancellationToken cancellationToken) =>
        eventData.TenantId is { } tenantId
            ? hub.PublishAsync(Topic(tenantId, eventData.AttachmentId), new ServerSentEvent(ProgressEvent,
                JsonSerializer.Serialize(new AttachmentProgressDto(eventData.AttachmentId, eventData.Percent, eventData.Status, eventData.Error), Json)),
                cancellationToken)
            : Task.CompletedTask;
}
