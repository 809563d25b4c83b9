using Messaging.Authorization;
using Messaging.FlowControl;
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

    [HttpGet("{trackingId:guid}/status")]
    [ProducesResponseType<MessageStatusDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken) =>
        messages.GetStatusAsync(trackingId, cancellationToken);
}
