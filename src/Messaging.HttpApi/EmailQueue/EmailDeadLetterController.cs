using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>The tenant's dead-lettered email events with every attempt, and their replay.</summary>
[ApiController]
[Route("api/app/email-event/dead-letters")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class EmailDeadLetterController(IEmailDeadLetterAppService deadLetters) : ControllerBase
{
    /// <summary>Newest first, filtered by type, error class, code (reply or enhanced) and the time they were dead-lettered (<c>from</c> inclusive, <c>to</c> exclusive).</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet]
    [ProducesResponseType<PagedResultDto<EmailEventDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<EmailEventDto>> GetListAsync([FromQuery] GetEmailDeadLettersInput input, CancellationToken cancellationToken) =>
        deadLetters.GetListAsync(input, cancellationToken);

    /// <summary>Queues a dead letter again with a renewed allowance of attempts; 404 for an id that is not a dead letter of the tenant.</summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("{id:guid}/replay")]
    [ProducesResponseType<EmailEventDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<EmailEventDto> ReplayAsync(Guid id, CancellationToken cancellationToken) => deadLetters.ReplayAsync(id, cancellationToken);

    /// <summary>Replays the named dead letters; ids that are not the tenant's dead letters are skipped and not counted.</summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("replay")]
    [ProducesResponseType<ReplayEmailEventsResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<ReplayEmailEventsResultDto> ReplayManyAsync([FromBody] ReplayEmailEventsDto input, CancellationToken cancellationToken) =>
        deadLetters.ReplayManyAsync(input, cancellationToken);
}
