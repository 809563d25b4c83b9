using Messaging.Authorization;
using Messaging.Messages.Feed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

/// <summary>The caller's messages: the activity feed and its statistics.</summary>
[ApiController]
[Route("api/app/message")]
[Authorize(Policy = MessagingPolicies.Tenant)]
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
    public Task<MessageFeedPageDto> GetListAsync([FromQuery] GetMessageFeedInput input, CancellationToken cancellationToken) =>
        feed.GetListAsync(input, cancellationToken);

    /// <summary>
    /// Counts of the messages accepted in [from, to) by UTC bucket, current status and channel; every bucket of the
    /// range is listed, empty ones with a total of 0. A range of more than 1,440 buckets is refused.
    /// </summary>
    [HttpGet("statistics")]
    [ProducesResponseType<MessageStatisticsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<MessageStatisticsDto> GetStatisticsAsync([FromQuery] GetMessageStatisticsInput input, CancellationToken cancellationToken) =>
        feed.GetStatisticsAsync(input, cancellationToken);
}
