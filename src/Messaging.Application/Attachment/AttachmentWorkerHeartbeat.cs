namespace Messaging.Attachment;

/// <summary>When this instance's processing worker last finished a round, for the readiness check's "no worker" alert.</summary>
public sealed class AttachmentWorkerHeartbeat(TimeProvider clock)
{
    private long _lastRoundTicks;

    /// <summary>Null on an instance that runs no worker, or before its first round.</summary>
    public DateTime? LastRound => Interlocked.Read(ref _lastRoundTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    public void Beat() => Interlocked.Exchange(ref _lastRoundTicks, clock.GetUtcNow().UtcDateTime.Ticks);
}
