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
    Task<DispatchClaim> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>
    /// Those of <paramref name="messageIds"/> still held under <paramref name="claimToken"/>, tracked for
    /// <see cref="SaveAsync"/>; a message another dispatcher took over is not among them.
    /// </summary>
    Task<IReadOnlyList<Message>> FindClaimedAsync(Guid claimToken, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken);

    /// <summary>Extends the claim on those of <paramref name="messageIds"/> still held under it; returns how many were.</summary>
    Task<int> RenewAsync(Guid claimToken, IReadOnlyCollection<Guid> messageIds, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>Ends the claim on a tracked message with the next <see cref="SaveAsync"/>.</summary>
    void Release(Message message);

    /// <summary>
    /// Saves the tracked messages' changes in one transaction. Throws <see cref="DispatchWriteRefusedException"/> when
    /// the database refuses a row (a value it cannot store, a unique key taken, a status another writer changed first).
    /// </summary>
    Task SaveAsync(CancellationToken cancellationToken);
}

/// <summary>The messages one dispatcher holds, and the token that proves it.</summary>
public sealed record DispatchClaim(Guid Token, IReadOnlyList<Message> Messages)
{
    public static readonly DispatchClaim None = new(Guid.Empty, []);
}

/// <summary>The database refused a write of dispatch: one of the rows cannot be written as it is (nothing was written).</summary>
public sealed class DispatchWriteRefusedException(Exception innerException)
    : Exception("The database refused the dispatch write: " + innerException.GetBaseException().Message, innerException);
