using System.Diagnostics;
using Messaging.Tracing;

namespace Messaging.EventBus;

/// <summary>
/// The event bus's spans: the relay's publish of each event (a producer span continuing the trace the event was raised
/// in) and each delivery to its handlers (a consumer span continuing the publish, on whichever side of the broker).
/// </summary>
public static class EventBusTracing
{
    public static readonly ActivitySource Source = new("Messaging.EventBus");

    public static string PublishName(string eventName) => "publish " + eventName;

    public static string HandleName(string eventName) => "handle " + eventName;

    public static Activity? StartHandle(OutboxMessage message)
    {
        var span = Source.StartActivity(HandleName(message.EventName), ActivityKind.Consumer, TraceContext.Parse(message.TraceParent));
        Describe(span, message);
        return span;
    }

    internal static void Describe(Activity? span, OutboxMessage message)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TraceAttributes.MessageId, message.Id.ToString());
        if (message.TenantId is { } tenantId)
        {
            span.SetTag(TraceAttributes.TenantId, tenantId.ToString());
        }
    }
}
