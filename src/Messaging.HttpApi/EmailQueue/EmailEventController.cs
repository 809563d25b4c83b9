using Messaging.Authorization;
using Messaging.FlowControl;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

[ApiController]
[Route("api/app/email-event")]
public sealed class EmailEventController(IEmailEventAppService emailEvents) : ControllerBase
{
    /// <summary>
    /// Publishes an email event; the 202 answer means it is stored and will be delivered (never that it was sent). An
    /// invalid payload is a 400 naming each field (<c>payload.to</c>) and is not stored.
    /// </summary>
    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.Publish)]
    [HttpPost]
    [ShedUnderMemoryPressure]
    [RequestSizeLimit(EmailQueueConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<EmailEventAcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<EmailEventAcceptedDto>> PublishAsync(
        [FromBody] PublishEmailEventDto input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var accepted = await emailEvents.PublishAsync(input, idempotencyKey, cancellationToken);
        return Accepted($"/api/app/email-event/{accepted.Id}", accepted);
    }

    /// <summary>
    /// The tenant's queue by event type: waiting, scheduled for a retry, in flight, dead letters, and the oldest unfinished
    /// event's age. The host's operators get every tenant's, and the host's own mail (<c>tenantId</c> null), by tenant and type.
    /// </summary>
    [Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("queue-status")]
    [ProducesResponseType<EmailQueueStatusDto>(StatusCodes.Status200OK)]
    public Task<EmailQueueStatusDto> GetQueueStatusAsync(CancellationToken cancellationToken) => emailEvents.GetQueueStatusAsync(cancellationToken);

    /// <summary>
    /// The event's status and every attempt to deliver it; another tenant's id answers 404. The host's operators read the
    /// host's own mail (host accounts' emails) here.
    /// </summary>
    [Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("{id:guid}")]
    [ProducesResponseType<EmailEventDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<EmailEventDto> GetAsync(Guid id, CancellationToken cancellationToken) => emailEvents.GetAsync(id, cancellationToken);
}
