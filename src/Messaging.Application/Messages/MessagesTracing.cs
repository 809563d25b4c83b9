using System.Diagnostics;
using Messaging.Tracing;

namespace Messaging.Messages;

/// <summary>
/// The Messages module's spans: accepting a message, committing a group-commit batch, dispatching a message. Without a
/// listener (no <c>OpenTelemetry:Endpoint</c>) no span is made, and each call costs a check.
/// </summary>
public static class MessagesTracing
{
    public static readonly ActivitySource Source = new("Messaging.Messages");

    public const string Accept = "accept message";
    public const string CommitBatch = "commit message batch";
    public const string Dispatch = "dispatch message";

    public static Activity? StartAccept(Guid tenantId)
    {
        var span = Source.StartActivity(Accept);
        span?.SetTag(TraceAttributes.TenantId, tenantId.ToString());
        return span;
    }

    /// <summary>Tags a span with the message it is about.</summary>
    public static void Describe(Activity? span, Message message)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TraceAttributes.TenantId, message.TenantId.ToString());
        span.SetTag(TraceAttributes.TrackingId, message.Id.ToString());
        span.SetTag(TraceAttributes.Channel, message.Channel.ToString());
    }

    /// <summary>Marks the span failed with what went wrong; the exception goes on as it was.</summary>
    public static void Failed(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.Message);
        span?.AddException(exception);
    }
}
