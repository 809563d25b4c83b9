using Messaging.Authorization;
using Messaging.Messages.Feed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

/// <summary>
/// The caller's messages: the activity feed and its statistics. Query parameters are bound one by one so the API
/// document names them as clients send them.
/// </summary>
[ApiController]
[Route("api/app/message")]
[Authorize(Policy = MessagingPolicies.Tenant)]
[Authorize(Policy = MessagesPermissions.Default)]
public sealed class MessageFeedController(IMessageFeedAppService feed) : ControllerBase
{
    /// <summary>
    /// The caller's messages, newest first, filtered; pass a page's <c>nextCursor</c> as <c>cursor</c> for the next page.
    /// Messages accepted while paging appear on a new first page, never shifting the pages after it.
    /// </summary>
    [HttpGet]
    [ProducesResponseType<MessageFeedPageDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<MessageFeedPageDto> GetListAsync(
        [FromQuery] MessageStatus? status,
        [FromQuery] MessageChannel? channel,
        [FromQuery] MessagePriority? priority,
        [FromQuery] string? recipient,
        [FromQuery] DateTime? from,
        [FromQuery] DateTime? to,
        [FromQuery] Guid[]? trackingIds,
        [FromQuery] string? cursor,
        [FromQuery] int? pageSize,
        CancellationToken cancellationToken) =>
        feed.GetListAsync(new GetMessageFeedInput
        {
            Status = status,
            Channel = channel,
            Priority = priority,
            Recipient = recipient,
            From = from,
            To = to,
            TrackingIds = trackingIds,
            Cursor = cursor,
            PageSize = pageSize
        }, cancellationToken);

    /// <summary>
    /// Counts of the messages accepted in [from, to) by UTC bucket, current status and channel; every bucket of the
    /// range is listed, empty ones with a total of 0. A range of more than 1,440 buckets is refused.
    /// </summary>
    [HttpGet("statistics")]
    [ProducesResponseType<MessageStatisticsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<MessageStatisticsDto> GetStatisticsAsync(
        [FromQuery] DateTime? from,
        [FromQuery] DateTime? to,
        [FromQuery] StatisticsBucket? bucket,
        [FromQuery] MessageChannel? channel,
        CancellationToken cancellationToken) =>
        feed.GetStatisticsAsync(new GetMessageStatisticsInput { From = from, To = to, Bucket = bucket, Channel = channel }, cancellationToken);
}
