namespace Messaging.EventBus;

/// <summary>Records handled events in the handler's own unit of work.</summary>
public interface IInboxStore
{
    /// <summary>False when this handler already had its effect for this event.</summary>
    Task<bool> TryRecordAsync(Guid eventId, string handlerName, DateTime processedAt, CancellationToken cancellationToken);

    Task<bool> HasRecordAsync(Guid eventId, string handlerName, CancellationToken cancellationToken);
}
