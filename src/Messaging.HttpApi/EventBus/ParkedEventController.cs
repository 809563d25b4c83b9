using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EventBus;

/// <summary>Events the outbox relay parked because they can never be delivered as they are; the host admin replays them.</summary>
[ApiController]
[Route("api/app/event-bus/parked-events")]
[Authorize(Policy = MessagingPolicies.HostAdmin)]
[Authorize(Policy = EventBusPermissions.ParkedEvents)]
public sealed class ParkedEventController(IParkedEventAppService parkedEvents) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<ParkedEventDto>> GetListAsync([FromQuery] string? eventName, [FromQuery] Guid? tenantId,
        [FromQuery] DateTime? parkedFrom, [FromQuery] DateTime? parkedBefore, [FromQuery] int skipCount = 0,
        [FromQuery] int maxResultCount = 50, CancellationToken cancellationToken = default) =>
        parkedEvents.GetListAsync(new ParkedEventFilterDto(eventName, tenantId, parkedFrom, parkedBefore), skipCount, maxResultCount,
            cancellationToken);

    [HttpPost("{id:guid}/replay")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ReplayedEventsDto> ReplayAsync(Guid id, CancellationToken cancellationToken) =>
        parkedEvents.ReplayAsync(id, cancellationToken);

    /// <summary>Replays every parked event matching the filter (all of them for an empty one).</summary>
    [HttpPost("replay")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<ReplayedEventsDto> ReplayAllAsync([FromBody] ParkedEventFilterDto filter, CancellationToken cancellationToken) =>
        parkedEvents.ReplayAllAsync(filter, cancellationToken);
}
