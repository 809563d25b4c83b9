namespace Messaging.ServerSentEvents;

/// <summary>
/// What subscribers follow: a key within one tenant (<c>channel:{id}</c>, <c>attachment:{id}</c>, <c>dashboard</c>). Events
/// published to a topic reach only the subscribers of that tenant's topic, on every instance.
/// </summary>
public readonly record struct SseTopic(Guid TenantId, string Key)
{
    /// <summary>The part before the first colon, the kind of topic (<c>channel</c>), which metrics and replay sources go by.</summary>
    public string Kind => Key.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? Key[..colon] : Key;

    public override string ToString() => $"{TenantId:N}/{Key}";
}

/// <summary>
/// One event: its <c>event:</c> type, its <c>data:</c> (usually JSON) and its <c>id:</c>, which must increase within the
/// topic, so a reconnecting client's <c>Last-Event-ID</c> says what it has seen. Left out, the hub gives a time-ordered
/// id (increasing on the publishing instance; a topic published from several instances should give its own).
/// </summary>
public sealed record ServerSentEvent(string Type, string Data, long? Id = null);

/// <summary>Publishes to the one SSE hub of the product: every instance's subscribers of the topic receive the event.</summary>
public interface IServerSentEventPublisher
{
    Task PublishAsync(SseTopic topic, ServerSentEvent serverSentEvent, CancellationToken cancellationToken = default);

    /// <summary>Subscribers of the topic connected to this instance.</summary>
    int CountSubscribers(SseTopic topic);
}

/// <summary>What a reconnecting subscriber missed: the events after its last id, and whether some of them are lost to it.</summary>
public sealed record SseReplay(IReadOnlyList<ServerSentEvent> Events, bool Gap);

/// <summary>
/// A durable history for one kind of topic (the channel's messages in the database), used instead of the hub's bounded
/// memory when a subscriber resumes with <c>Last-Event-ID</c>: it survives restarts and serves any instance.
/// </summary>
public interface ISseReplaySource
{
    /// <summary>The <see cref="SseTopic.Kind"/> this source serves.</summary>
    string Kind { get; }

    Task<SseReplay> ReplayAsync(SseTopic topic, long lastEventId, CancellationToken cancellationToken);
}
