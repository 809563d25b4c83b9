namespace Messaging.ServerSentEvents;

/// <summary>The SSE hub: <c>ServerSentEvents</c> in the configuration. Limits are per instance.</summary>
public sealed class ServerSentEventOptions
{
    public const string SectionName = "ServerSentEvents";

    public int MaxConnections { get; set; } = 1000;

    public int MaxConnectionsPerClientAddress { get; set; } = 5;

    public int MaxConnectionsPerTenant { get; set; } = 200;

    /// <summary>New connections one client address may open per <see cref="NewConnectionWindow"/>, against reconnect storms.</summary>
    public int MaxNewConnectionsPerClientAddress { get; set; } = 20;

    public TimeSpan NewConnectionWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of a refusal for a full limit.</summary>
    public TimeSpan RefusedRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A comment is written after this long without an event, so proxies and clients see the stream alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A connection on which nothing could be written for this long (a client that stopped reading) is closed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events waiting to be written to one connection; one more closes it, so a slow subscriber never holds up the others.</summary>
    public int BufferCapacity { get; set; } = 512;

    /// <summary>Events kept per topic in memory for clients resuming with <c>Last-Event-ID</c>...</summary>
    public int HistoryCount { get; set; } = 100;

    /// <summary>...and for how long.</summary>
    public TimeSpan HistoryAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Topics whose history is kept; the least recently published are forgotten first.</summary>
    public int HistoryTopics { get; set; } = 10_000;

    /// <summary>On shutdown, how long clients get to go after the <c>close</c> event before their streams are ended.</summary>
    public TimeSpan ShutdownWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>retry:</c> of the <c>close</c> event is drawn between these, so clients do not all come back at once.</summary>
    public TimeSpan ReconnectMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsValid => MaxConnections >= 1 && MaxConnectionsPerClientAddress >= 1 && MaxConnectionsPerTenant >= 1
        && MaxNewConnectionsPerClientAddress >= 1 && NewConnectionWindow > TimeSpan.Zero && RefusedRetryAfter > TimeSpan.Zero
        && HeartbeatInterval > TimeSpan.Zero && StaleAfter > HeartbeatInterval && BufferCapacity >= 1 && HistoryCount >= 0
        && HistoryAge >= TimeSpan.Zero && HistoryTopics >= 1 && ShutdownWait >= TimeSpan.Zero && ReconnectMin > TimeSpan.Zero
        && ReconnectMax >= ReconnectMin;
}
