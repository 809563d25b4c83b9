namespace Messaging.Tracing;

/// <summary>The attribute names our spans carry, so a trace backend can find one tenant's or one message's work.</summary>
public static class TraceAttributes
{
    public const string TenantId = "messaging.tenant_id";
    public const string TrackingId = "messaging.tracking_id";
    public const string Channel = "messaging.channel";
    public const string Provider = "messaging.provider";

    /// <summary>How an event travelled: <c>rabbitmq</c> or <c>in-process</c> (OpenTelemetry's messaging convention).</summary>
    public const string System = "messaging.system";

    public const string MessageId = "messaging.message.id";
    public const string BatchCount = "messaging.batch.message_count";
    public const string Outcome = "messaging.outcome";
    public const string Attempt = "messaging.attempt";
}
