namespace Messaging.Messages;

/// <summary>
/// Dispatch's view of the message table, across tenants: claims messages for one dispatcher at a time and saves what
/// dispatch did to them. A claim is a lease; a dispatcher that dies leaves its messages to the next one when it expires.
/// </summary>
public interface IMessageDispatchStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> messages that are due: queued ones in rank order, and ones left in
    /// Sending by a dispatcher whose claim expired. The messages come back tracked, for <see cref="SaveAsync"/>.
    /// </summary>
    Task<IReadOnlyList<Message>> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a round's Sending and deferrals in one transaction, and ends the claim of every message the round will not
    /// call (those not in Sending). Each save is conditional on the status the message was claimed in: a message whose
    /// status moved since (the tenant cancelled it) is not changed, is forgotten by this store, and is returned, so the
    /// round calls no provider for it.
    /// </summary>
    Task<IReadOnlySet<Message>> SaveSendingAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken);

    /// <summary>Saves the claimed messages' changes in one transaction; with <paramref name="releaseClaims"/>, ends their claim too.</summary>
    Task SaveAsync(IReadOnlyList<Message> messages, bool releaseClaims, CancellationToken cancellationToken);
}
