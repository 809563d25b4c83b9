using Messaging.Dtos;


namespace Messaging.EventBus;

/// <summary>The host admin's view of parked events: find them, and put them back in line once the cause is fixed.</summary>
public interface IParkedEventAppService
{
    /// <summary>Parked events matching the filter, most recently parked first.</summary>
    Task<PagedResultDto<ParkedEventDto>> GetListAsync(ParkedEventFilterDto filter, int skipCount = 0, int maxResultCount = 50,
        CancellationToken cancellationToken = default);

    /// <summary>Relays the parked event again; an id that is not parked is not found.</summary>
    Task<ReplayedEventsDto> ReplayAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Relays every parked event matching the filter again.</summary>
    Task<ReplayedEventsDto> ReplayAllAsync(ParkedEventFilterDto filter, CancellationToken cancellationToken = default);
}
