using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.EmailQueue;

/// <summary>
/// The tenant's dead-lettered email events with every attempt: replayed one (optionally corrected), by ids or by filter at a
/// paced rate, purged by ids or filter, and the audit of every replay and purge. The host's operators work on the host's
/// own mail (host accounts' emails) here.
/// </summary>
[ApiController]
[Route("api/app/email-event/dead-letters")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
public sealed class EmailDeadLetterController(IEmailDeadLetterAppService deadLetters) : ControllerBase
{
    /// <summary>Newest first, filtered by type, error class, code (reply or enhanced) and the time they were dead-lettered (<c>from</c> inclusive, <c>to</c> exclusive).</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet]
    [ProducesResponseType<PagedResultDto<EmailEventDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<EmailEventDto>> GetListAsync([FromQuery] GetEmailDeadLettersInput input, CancellationToken cancellationToken) =>
        deadLetters.GetListAsync(input, cancellationToken);

    /// <summary>
    /// Queues a dead letter again at once with a renewed allowance of attempts, optionally with a corrected
    /// <c>recipient</c> or a whole corrected <c>payload</c> (validated as on publishing: a 400 names each field and
    /// changes nothing); 404 for an id that is not a dead letter of the tenant.
    /// </summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("{id:guid}/replay")]
    [RequestSizeLimit(EmailQueueConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<EmailEventDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    public Task<EmailEventDto> ReplayAsync(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReplayEmailDeadLetterDto? input,
        CancellationToken cancellationToken) =>
        deadLetters.ReplayAsync(id, input, cancellationToken);

    /// <summary>
    /// Replays the named dead letters in the order named, paced at <c>ratePerSecond</c>; ids that are not the tenant's
    /// dead letters are skipped and not counted. Answers how many are queued and when the last is due.
    /// </summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("replay")]
    [ProducesResponseType<ReplayEmailEventsResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<ReplayEmailEventsResultDto> ReplayManyAsync([FromBody] ReplayEmailEventsDto input, CancellationToken cancellationToken) =>
        deadLetters.ReplayManyAsync(input, cancellationToken);

    /// <summary>
    /// Replays every dead letter the filter matches (the list's filters; <c>{}</c> for all), oldest first, paced at
    /// <c>ratePerSecond</c>: their due times are spread so the worker sends no faster, across restarts. Answers how many
    /// are queued and when the last is due.
    /// </summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("replay-matching")]
    [ProducesResponseType<ReplayEmailEventsResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<ReplayEmailEventsResultDto> ReplayMatchingAsync([FromBody] ReplayMatchingEmailDeadLettersDto input, CancellationToken cancellationToken) =>
        deadLetters.ReplayMatchingAsync(input, cancellationToken);

    /// <summary>Deletes the named dead letters with their attempts; ids that are not the tenant's dead letters are skipped and not counted.</summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("purge")]
    [ProducesResponseType<PurgeEmailDeadLettersResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PurgeEmailDeadLettersResultDto> PurgeAsync([FromBody] PurgeEmailDeadLettersDto input, CancellationToken cancellationToken) =>
        deadLetters.PurgeAsync(input, cancellationToken);

    /// <summary>Deletes every dead letter the filter matches (the list's filters; <c>{}</c> for all) with their attempts, and answers how many.</summary>
    [Authorize(Policy = EmailQueuePermissions.DeadLetters)]
    [HttpPost("purge-matching")]
    [ProducesResponseType<PurgeEmailDeadLettersResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PurgeEmailDeadLettersResultDto> PurgeMatchingAsync([FromBody] EmailDeadLetterFilterDto input, CancellationToken cancellationToken) =>
        deadLetters.PurgeMatchingAsync(input, cancellationToken);

    /// <summary>Every replay and purge of the tenant's dead letters, newest first: who asked, when, what (ids, filter, rate, corrections) and how many.</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("audit")]
    [ProducesResponseType<PagedResultDto<EmailDeadLetterAuditDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<EmailDeadLetterAuditDto>> GetAuditAsync([FromQuery] GetEmailDeadLetterAuditInput input, CancellationToken cancellationToken) =>
        deadLetters.GetAuditAsync(input, cancellationToken);
}
