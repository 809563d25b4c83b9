namespace Messaging.EventBus;

/// <summary>Parked outbox events, across tenants, for the host admin.</summary>
public interface IParkedEventStore
{
    Task<(long TotalCount, IReadOnlyList<OutboxMessage> Items)> GetPageAsync(ParkedEventFilter filter, int skip, int take,
        CancellationToken cancellationToken);

    /// <summary>
    /// Makes the matching parked events pending again, with their attempts forgotten, so the relay takes them at once.
    /// Returns how many it released.
    /// </summary>
    Task<int> ReplayAsync(ParkedEventFilter filter, CancellationToken cancellationToken);
}

/// <param name="Id">One event only, when given.</param>
public sealed record ParkedEventFilter(Guid? Id = null, string? EventName = null, Guid? TenantId = null, DateTime? ParkedFrom = null,
    DateTime? ParkedBefore = null);
