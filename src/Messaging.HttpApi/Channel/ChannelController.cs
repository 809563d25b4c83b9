using Messaging.Authorization;
using Messaging.Dtos;
using Messaging.FlowControl;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Channel;

[ApiController]
[Route("api/app/channel")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class ChannelController(IChannelAppService channels) : ControllerBase
{
    /// <summary>Creates a channel; its creator is the API key's or the user's name.</summary>
    [Authorize(Policy = ChannelPermissions.Manage)]
    [HttpPost]
    [RequestSizeLimit(ChannelConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<ChannelDto>> CreateAsync([FromBody] CreateChannelDto input, CancellationToken cancellationToken)
    {
        var created = await channels.CreateAsync(input, cancellationToken);
        return Created($"/api/app/channel/{created.Id}", created);
    }

    /// <summary>
    /// A page of the tenant's channels with each one's last message, message count, subscriber count (on the answering
    /// instance) and creator, read in a fixed number of queries whatever the page size.
    /// </summary>
    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpGet]
    [ProducesResponseType<PagedResultDto<ChannelListItemDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<ChannelListItemDto>> GetListAsync([FromQuery] GetChannelListInput input, CancellationToken cancellationToken) =>
        channels.GetListAsync(input, cancellationToken);

    /// <summary>The channel's metadata (cached for five minutes; every change is seen at once); another tenant's id answers 404.</summary>
    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpGet("{id:guid}")]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ChannelDto> GetAsync(Guid id, CancellationToken cancellationToken) => channels.GetAsync(id, cancellationToken);

    /// <summary>Changes the channel's name, description, tags and whether it is archived (an archived channel takes no posts).</summary>
    [Authorize(Policy = ChannelPermissions.Manage)]
    [HttpPut("{id:guid}")]
    [RequestSizeLimit(ChannelConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<ChannelDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<ChannelDto> UpdateAsync(Guid id, [FromBody] UpdateChannelDto input, CancellationToken cancellationToken) =>
        channels.UpdateAsync(id, input, cancellationToken);

    /// <summary>Deletes the channel with its history; its waiting delayed messages expire at their time.</summary>
    [Authorize(Policy = ChannelPermissions.Manage)]
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await channels.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    /// <summary>
    /// A short-lived token (minutes) for a browser's <c>EventSource</c>, which cannot send the API key: it allows
    /// subscribing to this channel's events only, through <c>eventsUrl</c>.
    /// </summary>
    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpPost("{id:guid}/subscription-token")]
    [ProducesResponseType<ChannelSubscriptionTokenDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ChannelSubscriptionTokenDto> IssueSubscriptionTokenAsync(Guid id, CancellationToken cancellationToken) =>
        channels.IssueSubscriptionTokenAsync(id, cancellationToken);
}

[ApiController]
[Route("api/app/channel/{channelId:guid}")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class ChannelMessageController(IChannelMessageAppService messages) : ControllerBase
{
    /// <summary>
    /// Posts a message: 201 with the stored message (its sequence is its event id) once committed and handed to
    /// subscribers; with a <c>deliverAt</c> in the future, 202 with the delayed message stored to be posted then. A
    /// tenant with <c>Channel:DelayedMessages:MaxWaitingPerTenant</c> messages waiting gets 429
    /// <c>Messaging:Channel:DelayedQueueFull</c> and nothing is stored.
    /// </summary>
    [Authorize(Policy = ChannelPermissions.Post)]
    [HttpPost("message")]
    [ShedUnderMemoryPressure]
    [RequestSizeLimit(ChannelConsts.MaxRequestBodyBytes)]
    [ProducesResponseType<ChannelPostResultDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ChannelPostResultDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<ChannelPostResultDto>> PostAsync(Guid channelId, [FromBody] PostChannelMessageDto input, CancellationToken cancellationToken)
    {
        var result = await messages.PostAsync(channelId, input, cancellationToken);
        return result.DelayedMessage is { } delayed
            ? Accepted($"/api/app/channel/{channelId}/delayed-message/{delayed.Id}", result)
            : Created($"/api/app/channel/{channelId}/message?beforeSequence={result.Message!.Sequence + 1}&pageSize=1", result);
    }

    /// <summary>The channel's history, newest first, by keyset: pass <c>nextBeforeSequence</c> as <c>beforeSequence</c> for the next page.</summary>
    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpGet("message")]
    [ProducesResponseType<ChannelMessagePageDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ChannelMessagePageDto> GetListAsync(Guid channelId, [FromQuery] GetChannelMessagesInput input, CancellationToken cancellationToken) =>
        messages.GetListAsync(channelId, input, cancellationToken);

    /// <summary>The channel's delayed messages in due order (then by id), optionally of one <c>status</c>, by <c>skipCount</c> and <c>maxResultCount</c> (1 to 1,000; 50 when left out).</summary>
    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpGet("delayed-message")]
    [ProducesResponseType<PagedResultDto<DelayedMessageDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<PagedResultDto<DelayedMessageDto>> GetDelayedListAsync(Guid channelId, [FromQuery] GetDelayedMessagesInput input,
        CancellationToken cancellationToken) =>
        messages.GetDelayedListAsync(channelId, input, cancellationToken);

    [Authorize(Policy = ChannelPermissions.Default)]
    [HttpGet("delayed-message/{id:guid}")]
    [ProducesResponseType<DelayedMessageDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<DelayedMessageDto> GetDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken) =>
        messages.GetDelayedAsync(channelId, id, cancellationToken);

    /// <summary>Cancels a delayed message that is still waiting (again: the same answer); one already delivered or expired answers 409.</summary>
    [Authorize(Policy = ChannelPermissions.Post)]
    [HttpDelete("delayed-message/{id:guid}")]
    [ProducesResponseType<DelayedMessageDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<DelayedMessageDto> CancelDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken) =>
        messages.CancelDelayedAsync(channelId, id, cancellationToken);
}

[ApiController]
[Route("api/app/cron")]
public sealed class ChannelCronController(IChannelCronAppService cron) : ControllerBase
{
    /// <summary>
    /// Runs the cleanup of delivered, cancelled and expired delayed messages now, for an external scheduler; needs
    /// <c>Authorization: Bearer &lt;Cron:Secret&gt;</c> (401 otherwise). <c>ran</c> is false when another instance was running it.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("cleanup-delayed-messages")]
    [ProducesResponseType<DelayedMessageCleanupReportDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public Task<DelayedMessageCleanupReportDto> CleanupDelayedMessagesAsync([FromHeader(Name = "Authorization")] string? authorization,
        CancellationToken cancellationToken) =>
        cron.CleanupDelayedMessagesAsync(authorization, cancellationToken);
}
