using System.Diagnostics;
using Messaging.Tracing;

namespace Messaging.EventBus;

/// <summary>
/// The publish spans of one relayed batch: one per event, each the child of the trace the event was raised in (the
/// batch holds events of many traces, so it makes no span of its own), ended with the transport's outcome for it. The
/// events handed to the transport carry their publish span's context, so consumers continue from the publish.
/// </summary>
public sealed class PublishSpans : IDisposable
{
    private readonly Activity?[] _spans;

    private PublishSpans(IReadOnlyList<OutboxMessage> envelopes, Activity?[] spans)
    {
        Envelopes = envelopes;
        _spans = spans;
    }

    /// <summary>What to hand the transport.</summary>
    public IReadOnlyList<OutboxMessage> Envelopes { get; }

    public static PublishSpans Start(IReadOnlyList<OutboxMessage> batch, string messagingSystem)
    {
        if (!EventBusTracing.Source.HasListeners())
        {
            return new PublishSpans(batch, []);
        }

        var ambient = Activity.Current;
        var spans = new Activity?[batch.Count];
        var envelopes = new OutboxMessage[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            var span = EventBusTracing.Source.StartActivity(EventBusTracing.PublishName(message.EventName), ActivityKind.Producer,
                TraceContext.Parse(message.TraceParent));
            // Siblings, not a chain: each span is its own event's, so none becomes the ambient parent of the next.
            Activity.Current = ambient;
            span?.SetTag(TraceAttributes.System, messagingSystem);
            EventBusTracing.Describe(span, message);
            spans[i] = span;
            envelopes[i] = span is null ? message : message.ContinuedIn(TraceContext.Of(span));
        }

        return new PublishSpans(envelopes, spans);
    }

    public void Complete(IReadOnlyList<PublishOutcome> outcomes)
    {
        for (var i = 0; i < _spans.Length; i++)
        {
            if (_spans[i] is { } span && !outcomes[i].Confirmed)
            {
                span.SetStatus(ActivityStatusCode.Error, outcomes[i].Error);
            }
        }
    }

    public void Fail(Exception exception)
    {
        foreach (var span in _spans)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }
    }

    public void Dispose()
    {
        var ambient = Activity.Current;
        foreach (var span in _spans)
        {
            span?.Dispose();
        }

        Activity.Current = ambient;
    }
}
