using Messaging.ExceptionHandling;
using Microsoft.AspNetCore.Http.Features;

namespace Messaging.ServerSentEvents;

/// <summary>
/// Serves one subscriber of the SSE hub over HTTP: admission first (a refusal is a 429 or 503 problem with
/// <c>Retry-After</c>, before anything of the stream is written), then the <c>text/event-stream</c> answer, unbuffered,
/// written by the hub until the client goes. Any endpoint that streams a topic (channels, attachment progress, the
/// dashboard) calls <see cref="StreamAsync"/> once it has authorized the caller for the topic.
/// </summary>
public static class ServerSentEventResponse
{
    public const string ContentType = "text/event-stream";

    public static async Task StreamAsync(HttpContext context, SseTopic topic)
    {
        var hub = context.RequestServices.GetRequiredService<ServerSentEventHub>();
        var client = new SseClient(topic, context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 256)] : null);
        var admission = hub.Admit(client);
        if (admission.Connection is not { } connection)
        {
            throw admission.Refusal == SseRefusal.ShuttingDown
                ? new ServiceUnavailableException(ServerSentEventErrorCodes.ShuttingDown, "This instance is shutting down; connect again.", admission.RetryAfter)
                : new TooManyRequestsException(ServerSentEventErrorCodes.TooManyConnections, Describe(admission), admission.RetryAfter);
        }

        connection.Abort = context.Abort;
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-cache, no-store";
        // Proxies that buffer (nginx) would hold events back.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await hub.StreamAsync(connection, context.Response.Body, LastEventId(context.Request), context.RequestAborted);
    }

    /// <summary>The <c>Last-Event-ID</c> header a reconnecting <c>EventSource</c> sends, or the same as a query parameter.</summary>
    public static long? LastEventId(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].ToString();
        if (value.Length == 0)
        {
            value = request.Query["lastEventId"].ToString();
        }

        return long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    private static string Describe(SseAdmission admission) => admission.Refusal switch
    {
        SseRefusal.ClientAddress => $"This client address already has {admission.Limit} event streams open, its limit.",
        SseRefusal.Tenant => $"The tenant already has {admission.Limit} event streams open on this instance, its limit.",
        SseRefusal.ConnectionRate => $"This client address opened {admission.Limit} event streams too recently; wait before reconnecting.",
        _ => $"This instance already serves {admission.Limit} event streams, its limit."
    };
}
