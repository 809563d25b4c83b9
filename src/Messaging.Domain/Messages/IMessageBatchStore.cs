using Messaging.EventBus;

namespace Messaging.Messages;

/// <summary>
/// Writes a batch of accepted messages in one transaction: all of them or none, each with its acceptance event
/// in the outbox. A message whose idempotency key is already stored is not written, nor is its event; its
/// outcome names the stored message instead. When the database refuses a value of one of the rows (not the
/// connection, not the server), the batch throws <see cref="BatchRowRefusedException"/>, so the caller can find
/// that row without refusing the others.
/// </summary>
public interface IMessageBatchStore
{
    Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// What this store's database is known to refuse in the message or its event (or would store altered), found
    /// without touching the database; null when nothing known speaks against it. Safe to call from any thread.
    /// </summary>
    UnstorableValue? FindUnstorableValue(AcceptedMessage message);
}

/// <summary>A message and the outbox row announcing it, written together or not at all.</summary>
public readonly record struct AcceptedMessage(Message Message, OutboxMessage AcceptedEvent);

/// <summary>What became of one message of a batch: stored as given, or a duplicate of <see cref="ExistingId"/>.</summary>
public readonly record struct BatchInsertOutcome(bool Inserted, Guid ExistingId, string? ExistingRequestHash, DateTime ExistingAcceptedAt)
{
    public static BatchInsertOutcome Stored => new(true, Guid.Empty, null, default);

    public static BatchInsertOutcome DuplicateOf(Guid existingId, string existingRequestHash, DateTime existingAcceptedAt) =>
        new(false, existingId, existingRequestHash, existingAcceptedAt);
}
