using System.Diagnostics;
using Messaging.Messages.Delivery;
using Messaging.Tracing;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// The dispatch spans of one round: one per message the round routes to a provider, each a child of the step that queued
/// the message (<see cref="Message.TraceParent"/>), from the claim to its recorded outcome, with an event at each of the
/// round's commits. The provider call runs inside it, so the HTTP client's span is its child.
/// </summary>
public sealed class DispatchSpans : IDisposable
{
    public const string SendingRecorded = "sending recorded";
    public const string OutcomeRecorded = "outcome recorded";

    private static readonly DispatchSpans None = new([]);

    private readonly Dictionary<Guid, Activity> _spans;

    private DispatchSpans(Dictionary<Guid, Activity> spans) => _spans = spans;

    public static DispatchSpans Start(IEnumerable<(Message Message, string Provider)> routed)
    {
        if (!MessagesTracing.Source.HasListeners())
        {
            return None;
        }

        var ambient = Activity.Current;
        var spans = new Dictionary<Guid, Activity>();
        foreach (var (message, provider) in routed)
        {
            var span = MessagesTracing.Source.StartActivity(MessagesTracing.Dispatch, ActivityKind.Consumer, TraceContext.Parse(message.TraceParent));
            // Siblings, not a chain: each span is its own message's.
            Activity.Current = ambient;
            if (span is null)
            {
                continue;
            }

            MessagesTracing.Describe(span, message);
            span.SetTag(TraceAttributes.Provider, provider);
            spans[message.Id] = span;
        }

        return new DispatchSpans(spans);
    }

    /// <summary>The message's span, to make current around its provider call; null when it is not traced.</summary>
    public Activity? Of(Guid messageId) => _spans.GetValueOrDefault(messageId);

    public void Recorded(IEnumerable<Guid> messageIds, string what)
    {
        foreach (var id in messageIds)
        {
            Of(id)?.AddEvent(new ActivityEvent(what));
        }
    }

    public void Answered(Message message, SendResult result)
    {
        if (Of(message.Id) is not { } span)
        {
            return;
        }

        span.SetTag(TraceAttributes.Attempt, message.DispatchAttempts);
        span.SetTag(TraceAttributes.Outcome, result.Outcome.ToString());
        if (result.Outcome != SendOutcome.Sent)
        {
            span.SetStatus(ActivityStatusCode.Error, result.ErrorCode);
        }
    }

    /// <summary>Ends the spans of the messages that were not sent after all (another writer moved them since the claim).</summary>
    public void NotStarted(IEnumerable<Guid> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (_spans.Remove(id, out var span))
            {
                span.SetTag(TraceAttributes.Outcome, "not-started");
                span.Dispose();
            }
        }
    }

    public void Dispose()
    {
        var ambient = Activity.Current;
        foreach (var span in _spans.Values)
        {
            span.Dispose();
        }

        Activity.Current = ambient;
    }
}
