using Messaging.EventBus;

namespace Messaging.Messages;

/// <summary>Tenant-scoped reads and single writes of messages; every query sees only the current tenant.</summary>
public interface IMessageRepository
{
    Task<Message?> FindWithHistoryAsync(Guid trackingId, CancellationToken cancellationToken = default);

    /// <summary>Loads a message with its history for a change saved by the surrounding unit of work.</summary>
    Task<Message?> FindForUpdateAsync(Guid trackingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds messages by the ids their provider gave them, in whichever tenant, in one query: receipts arrive
    /// unauthenticated and are trusted only after the tenant's provider secret verified them. Tracked, for a change the
    /// unit of work saves.
    /// </summary>
    Task<IReadOnlyList<Message>> FindByProviderMessageIdsAsync(string providerName, IReadOnlyCollection<string> providerMessageIds,
        CancellationToken cancellationToken = default);

    Task<Message?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts one message and its acceptance event in their own transaction. Returns false when its idempotency
    /// key is already taken.
    /// </summary>
    Task<bool> TryInsertAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the idempotency keys of at most <paramref name="maxCount"/> messages accepted before
    /// <paramref name="acceptedBefore"/>, of all tenants, in one short statement; returns how many it forgot.
    /// </summary>
    Task<int> ExpireIdempotencyKeysAsync(DateTime acceptedBefore, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the messages of all tenants still Accepted that were accepted before <paramref name="acceptedBefore"/>,
    /// oldest first; read only.
    /// </summary>
    Task<IReadOnlyList<Message>> GetAcceptedBeforeAsync(DateTime acceptedBefore, int skip, int take, CancellationToken cancellationToken = default);
}
