using System.Diagnostics;

namespace Messaging.Tracing;

/// <summary>
/// The W3C trace context (<c>traceparent</c>) as stored with an event or a message, so work done later, after a commit
/// or on the other side of a broker, continues the trace that caused it.
/// </summary>
public static class TraceContext
{
    /// <summary>What a stored trace context may take; a W3C <c>traceparent</c> is 55 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The trace context of the operation in progress, or null when nothing is traced.</summary>
    public static string? Current => Of(Activity.Current);

    public static string? Of(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C, Id: { Length: <= MaxLength } id } ? id : null;

    /// <summary>The stored context as a parent; default (none) for null or anything unreadable.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
