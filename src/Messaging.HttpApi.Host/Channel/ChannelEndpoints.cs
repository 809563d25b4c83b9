using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Messaging.Security;
using Messaging.ServerSentEvents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Channel;

/// <summary>
/// The Channel module's endpoints that need the SSE hub itself, which the controllers of HttpApi cannot see: a
/// channel's live events and the hub's connections.
/// </summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelModule(this IEndpointRouteBuilder endpoints)
    {
        var channel = endpoints.MapGroup("api/app/channel").WithTags("ChannelEvents");
        channel.MapGet("{id:guid}/events", SubscribeAsync)
            .WithName("SubscribeToChannelEvents")
            .WithSummary("The channel's messages as Server-Sent Events.")
            .WithDescription(
                "Each post is an `event: message` with the message as JSON and its sequence as the id; a heartbeat comment comes every 15 s. " +
                "A reconnect with `Last-Event-ID` first replays what was missed, after a `gap` event when more was missed than the history keeps. " +
                "On shutdown a `close` event with a `retry:` asks the client to come back later. Servers send the API key; browsers, whose " +
                "EventSource cannot, pass a subscription token as `access_token`. Over a connection limit: 429 with Retry-After before the stream starts.")
            .AllowAnonymous()
            .WithMetadata(new LongLivedStreamAttribute())
            .Produces<string>(StatusCodes.Status200OK, ServerSentEventResponse.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        channel.MapGet("connections", GetConnections)
            .WithName("GetSseConnections")
            .WithSummary("The SSE hub's connections on the answering instance: the tenant's own, or every one for the host admin.")
            .RequireAuthorization(new AuthorizeAttribute { Policy = MessagingPolicies.HostAdminOrTenant }, new AuthorizeAttribute { Policy = ChannelPermissions.Connections })
            .Produces<SseConnectionsDto>();
        return endpoints;
    }

    private static async Task SubscribeAsync(HttpContext context, Guid id, [FromQuery(Name = "access_token")] string? accessToken)
    {
        if (accessToken is not null && accessToken.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["access_token"] = ["A subscription token is printable text."] });
        }

        var currentTenant = context.RequestServices.GetRequiredService<ICurrentTenant>();
        var tenantId = await AuthorizeAsync(context, currentTenant, id, accessToken);
        using var tenant = currentTenant.Change(tenantId, currentTenant.Tier);
        await context.RequestServices.GetRequiredService<IChannelAppService>().GetAsync(id, context.RequestAborted);
        await ServerSentEventResponse.StreamAsync(context, ChannelEvents.Topic(tenantId, id));
    }

    private static SseConnectionsDto GetConnections(SseConnectionRegistry connections, ICurrentTenant currentTenant)
    {
        var summary = connections.Summarize();
        var visible = connections.Snapshot().Where(c => currentTenant.Id is null || c.Topic.TenantId == currentTenant.Id)
            .OrderBy(c => c.ConnectedAt)
            .Select(c => new SseConnectionDto(c.Id, c.Topic.TenantId, c.Topic.Key, c.Client.ClientAddress, c.Client.UserAgent, c.ConnectedAt,
                c.LastWriteAt, c.Buffered))
            .ToList();
        return new SseConnectionsDto(currentTenant.Id is null ? summary.Active : visible.Count, summary.MaxConnections, summary.ShuttingDown, visible);
    }

    /// <summary>The API key (or access token) of a tenant with the read permission, or a subscription token for this very channel.</summary>
    private static async Task<Guid> AuthorizeAsync(HttpContext context, ICurrentTenant currentTenant, Guid channelId, string? accessToken)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            if (currentTenant.Id is not { } callerTenant)
            {
                throw new ForbiddenException("Channels belong to tenants: subscribe with a tenant's API key.");
            }

            var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
            if (!(await authorization.AuthorizeAsync(context.User, ChannelPermissions.Default)).Succeeded)
            {
                throw new ForbiddenException($"Subscribing needs the permission {ChannelPermissions.Default}.");
            }

            return callerTenant;
        }

        var tokens = context.RequestServices.GetRequiredService<IScopedAccessTokens>();
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
