namespace Messaging.Messages.Callbacks;

/// <summary>
/// Call after every status change of a message, inside the unit of work that saves it: when the new status is one
/// tenants hear about (Sent, Delivered, Failed, Cancelled) and the tenant has a status callback, a
/// <see cref="Events.MessageStatusChangedEto"/> is written to the outbox in that same transaction. Costs no query for
/// tenants without a callback (the answer is cached).
/// </summary>
public interface IMessageStatusNotifier
{
    Task NotifyAsync(Message message, CancellationToken cancellationToken = default);
}
