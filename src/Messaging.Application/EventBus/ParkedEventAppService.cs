using Messaging.Backplane;
using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.EventBus;

public sealed class ParkedEventAppService(
    IParkedEventStore store,
    ICurrentTenant currentTenant,
    OutboxSignal signal,
    IBackplane backplane) : IParkedEventAppService
{
    public const int MaxEventNameLength = 128;

    public async Task<PagedResultDto<ParkedEventDto>> GetListAsync(ParkedEventFilterDto filter, int skipCount = 0, int maxResultCount = 50,
        CancellationToken cancellationToken = default)
    {
        RequireHostAdmin();
        if (skipCount < 0 || maxResultCount is < 1 or > 1000)
        {
            throw Invalid("maxResultCount", "skipCount must be 0 or more and maxResultCount between 1 and 1000.");
        }

        var (total, items) = await store.GetPageAsync(ToFilter(filter), skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<ParkedEventDto>(total, items.Select(ToDto).ToList());
    }

    public async Task<ReplayedEventsDto> ReplayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireHostAdmin();
        var replayed = await store.ReplayAsync(new ParkedEventFilter(Id: id), cancellationToken);
        if (replayed == 0)
        {
            throw new EntityNotFoundException("Parked event", id);
        }

        await WakeRelayAsync(cancellationToken);
        return new ReplayedEventsDto(replayed);
    }

    public async Task<ReplayedEventsDto> ReplayAllAsync(ParkedEventFilterDto filter, CancellationToken cancellationToken = default)
    {
        RequireHostAdmin();
        var replayed = await store.ReplayAsync(ToFilter(filter), cancellationToken);
        if (replayed > 0)
        {
            await WakeRelayAsync(cancellationToken);
        }

        return new ReplayedEventsDto(replayed);
    }

    /// <summary>The relay may run on another instance (the worker role); wake it there too.</summary>
    private async Task WakeRelayAsync(CancellationToken cancellationToken)
    {
        signal.Notify();
        await backplane.PublishAsync(OutboxRelay.WakeChannel, string.Empty, cancellationToken);
    }

    private void RequireHostAdmin()
    {
        if (currentTenant.IsAvailable)
        {
            throw new ForbiddenException("Parked events span tenants: only the host admin may see or replay them.");
        }
    }

    private static ParkedEventFilter ToFilter(ParkedEventFilterDto filter)
    {
        var eventName = string.IsNullOrWhiteSpace(filter.EventName) ? null : filter.EventName.Trim();
        if (eventName is { Length: > MaxEventNameLength })
        {
            throw Invalid("eventName", $"An event name has at most {MaxEventNameLength} characters.");
        }

        var from = AsUtc(filter.ParkedFrom);
        var before = AsUtc(filter.ParkedBefore);
        if (from is not null && before is not null && from >= before)
        {
            throw Invalid("parkedBefore", "parkedBefore must be later than parkedFrom.");
        }

        return new ParkedEventFilter(EventName: eventName, TenantId: filter.TenantId, ParkedFrom: from, ParkedBefore: before);
    }

    /// <summary>Times without an offset are read as UTC, the time every stored time is in.</summary>
    private static DateTime? AsUtc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Local => value.Value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value!.Value, DateTimeKind.Utc)
    };

    private static InputValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static ParkedEventDto ToDto(OutboxMessage message) =>
        new(message.Id, message.EventName, message.TenantId, message.CorrelationId, message.CreatedAt, message.DeadLetteredAt!.Value,
            message.FailedAttempts, message.LastError);
}
