using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Messaging.Security;
using Messaging.ServerSentEvents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Channel;

/// <summary>A channel's live events, and who is connected to the SSE hub.</summary>
[ApiController]
[Route("api/app/channel")]
public sealed class ChannelEventsController(
    IChannelAppService channels,
    ICurrentTenant currentTenant,
    IAuthorizationService authorization,
    IScopedAccessTokens tokens,
    SseConnectionRegistry connections) : ControllerBase
{
    /// <summary>
    /// The channel's messages as Server-Sent Events (<c>event: message</c>, the message as JSON, its sequence as the
    /// id), with a heartbeat comment every 15 s. A reconnect with <c>Last-Event-ID</c> first replays what was missed;
    /// when more was missed than the history keeps, a <c>gap</c> event comes first. On shutdown a <c>close</c> event with
    /// a <c>retry:</c> asks the client to come back later. Servers send the API key; browsers, whose <c>EventSource</c>
    /// cannot, pass a subscription token as <c>access_token</c>. Over a connection limit: 429 with <c>Retry-After</c>
    /// before the stream starts.
    /// </summary>
    [AllowAnonymous]
    [LongLivedStream]
    [HttpGet("{id:guid}/events")]
    [Produces(ServerSentEventResponse.ContentType)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task SubscribeAsync(Guid id, [FromQuery(Name = "access_token")] string? accessToken)
    {
        var tenantId = await AuthorizeAsync(id, accessToken);
        using var tenant = currentTenant.Change(tenantId, currentTenant.Tier);
        await channels.GetAsync(id, HttpContext.RequestAborted);
        await ServerSentEventResponse.StreamAsync(HttpContext, ChannelEvents.Topic(tenantId, id));
    }

    /// <summary>The SSE hub's connections on the answering instance: the tenant's own, or every one for the host admin.</summary>
    [Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
    [Authorize(Policy = ChannelPermissions.Connections)]
    [HttpGet("connections")]
    [ProducesResponseType<SseConnectionsDto>(StatusCodes.Status200OK)]
    public SseConnectionsDto GetConnections()
    {
        var summary = connections.Summarize();
        var visible = connections.Snapshot().Where(c => currentTenant.Id is null || c.Topic.TenantId == currentTenant.Id)
            .OrderBy(c => c.ConnectedAt)
            .Select(c => new SseConnectionDto(c.Id, c.Topic.TenantId, c.Topic.Key, c.Client.ClientAddress, c.Client.UserAgent, c.ConnectedAt,
                c.LastWriteAt, c.Buffered))
            .ToList();
        return new SseConnectionsDto(currentTenant.Id is null ? summary.Active : visible.Count, summary.MaxConnections, summary.ShuttingDown, visible);
    }

    private async Task<Guid> AuthorizeAsync(Guid channelId, string? accessToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            if (currentTenant.Id is not { } callerTenant)
            {
                throw new ForbiddenException("Channels belong to tenants: subscribe with a tenant's API key.");
            }

            if (!(await authorization.AuthorizeAsync(User, ChannelPermissions.Default)).Succeeded)
            {
                throw new ForbiddenException($"Subscribing needs the permission {ChannelPermissions.Default}.");
            }

            return callerTenant;
        }

        if (accessToken is not null && tokens.TryRead(accessToken, out var scope)
            && ChannelSubscriptionScope.TryRead(scope, out var tenantId, out var tokenChannel) && tokenChannel == channelId)
        {
            return tenantId;
        }

        throw new UnauthorizedException(ChannelErrorCodes.SubscriptionRefused,
            "Subscribe with an API key (X-Api-Key) or a valid subscription token for this channel (access_token).");
    }
}

/// <summary>One open event stream.</summary>
public sealed record SseConnectionDto(Guid Id, Guid TenantId, string Topic, string ClientAddress, string? UserAgent, DateTime ConnectedAt,
    DateTime LastWriteAt, int BufferedEvents);

public sealed record SseConnectionsDto(int Active, int MaxConnections, bool ShuttingDown, IReadOnlyList<SseConnectionDto> Connections);
