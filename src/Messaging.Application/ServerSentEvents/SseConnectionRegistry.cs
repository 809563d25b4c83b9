using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Messaging.ServerSentEvents;

public enum SseRefusal
{
    Global,
    ClientAddress,
    Tenant,
    ConnectionRate,
    ShuttingDown
}

/// <summary>A connection admitted, or the limit that refused it and when trying again may help.</summary>
public sealed record SseAdmission(SseConnection? Connection, SseRefusal? Refusal, TimeSpan RetryAfter, int Limit);

/// <summary>What the instance's connections add up to, for health and the admin view.</summary>
public sealed record SseConnectionSummary(int Active, int MaxConnections, IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<Guid, int> ByTenant, bool ShuttingDown);

/// <summary>
/// The connection manager: every open stream of this instance with its metadata, admitted only within the limits (per
/// client address, per tenant, for the instance, and a rate of new connections per address), and the subscribers of
/// each topic. Admission is decided under one lock, so concurrent connects cannot pass a limit together.
/// </summary>
public sealed class SseConnectionRegistry(IOptionsMonitor<ServerSentEventOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, SseConnection> _connections = [];
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _perTenant = [];
    private readonly Dictionary<string, Queue<long>> _recentPerAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SseTopic, ConcurrentDictionary<Guid, SseConnection>> _subscribers = new();
    private volatile bool _shuttingDown;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public bool ShuttingDown => _shuttingDown;

    public SseAdmission TryAdmit(SseClient client)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return Refused(SseRefusal.ShuttingDown, settings.ReconnectMin, 0);
            }

            if (_connections.Count >= settings.MaxConnections)
            {
                return Refused(SseRefusal.Global, settings.RefusedRetryAfter, settings.MaxConnections);
            }

            if (_perAddress.GetValueOrDefault(client.ClientAddress) >= settings.MaxConnectionsPerClientAddress)
            {
                return Refused(SseRefusal.ClientAddress, settings.RefusedRetryAfter, settings.MaxConnectionsPerClientAddress);
            }

            if (_perTenant.GetValueOrDefault(client.Topic.TenantId) >= settings.MaxConnectionsPerTenant)
            {
                return Refused(SseRefusal.Tenant, settings.RefusedRetryAfter, settings.MaxConnectionsPerTenant);
            }

            var recent = RecentConnects(client.ClientAddress, now, settings.NewConnectionWindow);
            if (recent.Count >= settings.MaxNewConnectionsPerClientAddress)
            {
                var retryAfter = new DateTime(recent.Peek(), DateTimeKind.Utc) + settings.NewConnectionWindow - now;
                return Refused(SseRefusal.ConnectionRate, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1),
                    settings.MaxNewConnectionsPerClientAddress);
            }

            recent.Enqueue(now.Ticks);
            var connection = new SseConnection(client, now, settings.BufferCapacity, Release);
            _connections.Add(connection.Id, connection);
            _perAddress[client.ClientAddress] = _perAddress.GetValueOrDefault(client.ClientAddress) + 1;
            _perTenant[client.Topic.TenantId] = _perTenant.GetValueOrDefault(client.Topic.TenantId) + 1;
            _subscribers.GetOrAdd(client.Topic, static _ => new ConcurrentDictionary<Guid, SseConnection>())[connection.Id] = connection;
            return new SseAdmission(connection, null, TimeSpan.Zero, 0);
        }
    }

    public IReadOnlyCollection<SseConnection> SubscribersOf(SseTopic topic) =>
        _subscribers.TryGetValue(topic, out var subscribers) ? (IReadOnlyCollection<SseConnection>)subscribers.Values : [];

    public int CountSubscribers(SseTopic topic) => _subscribers.TryGetValue(topic, out var subscribers) ? subscribers.Count : 0;

    public IReadOnlyList<SseConnection> Snapshot()
    {
        lock (_gate)
        {
            return [.. _connections.Values];
        }
    }

    public SseConnectionSummary Summarize()
    {
        var connections = Snapshot();
        return new SseConnectionSummary(connections.Count, options.CurrentValue.MaxConnections,
            connections.GroupBy(c => c.Topic.Kind).ToDictionary(g => g.Key, g => g.Count()),
            connections.GroupBy(c => c.Topic.TenantId).ToDictionary(g => g.Key, g => g.Count()),
            _shuttingDown);
    }

    /// <summary>For the active-connections gauge.</summary>
    public IEnumerable<System.Diagnostics.Metrics.Measurement<int>> CountByKind() =>
        Snapshot().GroupBy(c => c.Topic.Kind)
            .Select(g => new System.Diagnostics.Metrics.Measurement<int>(g.Count(), new KeyValuePair<string, object?>("kind", g.Key)));

    /// <summary>Closes every connection nothing could be written to for <see cref="ServerSentEventOptions.StaleAfter"/>; returns how many.</summary>
    public int CloseStale()
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = 0;
        foreach (var connection in Snapshot())
        {
            if (connection.CloseReason is null && now - connection.LastWriteAt > settings.StaleAfter)
            {
                connection.Close(SseCloseReason.Stale);
                closed++;
            }
        }

        lock (_gate)
        {
            foreach (var address in _recentPerAddress.Keys.ToList())
            {
                var recent = RecentConnects(address, now, settings.NewConnectionWindow);
                if (recent.Count == 0)
                {
                    _recentPerAddress.Remove(address);
                }
            }
        }

        return closed;
    }

    /// <summary>Refuses new connections from now on; those open are told to go by the hub.</summary>
    public IReadOnlyList<SseConnection> BeginShutdown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            return [.. _connections.Values];
        }
    }

    private Queue<long> RecentConnects(string address, DateTime now, TimeSpan window)
    {
        if (!_recentPerAddress.TryGetValue(address, out var recent))
        {
            recent = new Queue<long>();
            _recentPerAddress[address] = recent;
        }

        var since = (now - window).Ticks;
        while (recent.Count > 0 && recent.Peek() <= since)
        {
            recent.Dequeue();
        }

        return recent;
    }

    private void Release(SseConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connection.Id))
            {
                return;
            }

            Decrement(_perAddress, connection.Client.ClientAddress);
            Decrement(_perTenant, connection.Topic.TenantId);
            if (_subscribers.TryGetValue(connection.Topic, out var subscribers))
            {
                subscribers.TryRemove(connection.Id, out _);
                if (subscribers.IsEmpty)
                {
                    _subscribers.TryRemove(connection.Topic, out _);
                }
            }
        }
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        if (counts.TryGetValue(key, out var count) && count > 1)
        {
            counts[key] = count - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }

    private static SseAdmission Refused(SseRefusal refusal, TimeSpan retryAfter, int limit) => new(null, refusal, retryAfter, limit);
}
