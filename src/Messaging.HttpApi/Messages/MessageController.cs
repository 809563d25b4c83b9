using Messaging.Authorization;
using Messaging.FlowControl;
using Messaging.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

[ApiController]
[Route("api/app/message")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class MessageController(IMessageAppService messages) : ControllerBase
{
    /// <summary>Accepts a message; the 202 answer means it is stored and will be delivered.</summary>
    [Authorize(Policy = MessagesPermissions.Send)]
    [HttpPost("send-one-way-message")]
    [ShedUnderMemoryPressure]
    [RequestSizeLimit(MessageConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<MessageAcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<MessageAcceptedDto>> SendOneWayMessageAsync(
        [FromBody] SendOneWayMessageDto input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var accepted = await messages.SendOneWayMessageAsync(input, idempotencyKey, cancellationToken);
        return Accepted($"/api/app/message/{accepted.TrackingId}/status", accepted);
    }

    /// <summary>
    /// Accepts up to 1,000 messages. 200 lists, in request order, each message's tracking id once it is stored, or its
    /// problem (invalid fields, a reused key); the request as a whole is refused (400, 413, 422, 429, 503) only when it
    /// is malformed, reuses its idempotency key for another body, or cannot be admitted whole.
    /// </summary>
    [Authorize(Policy = MessagesPermissions.Send)]
    [HttpPost("send-many")]
    [ShedUnderMemoryPressure]
    [RateLimitPerItem]
    [RequestSizeLimit(MessageConsts.MaxSendManyRequestBodyBytes)]
    [ProducesResponseType<SendManyMessagesResultDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<SendManyMessagesResultDto> SendManyAsync(
        [FromBody] SendManyMessagesDto input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CancellationToken cancellationToken) =>
        messages.SendManyAsync(input, idempotencyKey, cancellationToken);

    /// <summary>
    /// Cancels a message that is Accepted or Queued; 200 with its status, also when it was already cancelled. 409 once it
    /// is Sending or later, with the status in <c>messageStatus</c>.
    /// </summary>
    [Authorize(Policy = MessagesPermissions.Cancel)]
    [HttpPost("{trackingId:guid}/cancel")]
    [ProducesResponseType<MessageStatusDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken) =>
        messages.CancelAsync(trackingId, cancellationToken);

    [Authorize(Policy = MessagesPermissions.Default)]
    [HttpGet("{trackingId:guid}/status")]
    [ProducesResponseType<MessageStatusDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken) =>
        messages.GetStatusAsync(trackingId, cancellationToken);
}
