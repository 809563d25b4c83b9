using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Messaging.ServerSentEvents;

/// <summary>
/// The last events of each topic this instance saw, bounded by count and age, for clients resuming with
/// <c>Last-Event-ID</c> on topics without a durable <see cref="ISseReplaySource"/>. A client whose last id is older
/// than what was dropped gets a gap. What was published before this instance started is unknown to it.
/// </summary>
public sealed class SseHistory(IOptionsMonitor<ServerSentEventOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<SseTopic, TopicHistory> _topics = new();

    public void Append(SseTopic topic, SseDelivery delivery)
    {
        var settings = options.CurrentValue;
        if (settings.HistoryCount == 0)
        {
            return;
        }

        var history = _topics.GetOrAdd(topic, static _ => new TopicHistory());
        history.Append(delivery, settings.HistoryCount, clock.GetUtcNow().UtcDateTime - settings.HistoryAge);
        if (_topics.Count > settings.HistoryTopics)
        {
            ForgetLeastRecent(_topics.Count - settings.HistoryTopics + settings.HistoryTopics / 10);
        }
    }

    public SseReplay Replay(SseTopic topic, long lastEventId)
    {
        if (!_topics.TryGetValue(topic, out var history))
        {
            return new SseReplay([], false);
        }

        var settings = options.CurrentValue;
        return history.After(lastEventId, clock.GetUtcNow().UtcDateTime - settings.HistoryAge);
    }

    private void ForgetLeastRecent(int count)
    {
        foreach (var (topic, _) in _topics.OrderBy(entry => entry.Value.LastAppendedTicks).Take(count).ToList())
        {
            _topics.TryRemove(topic, out _);
        }
    }

    private sealed class TopicHistory
    {
        private readonly Queue<SseDelivery> _events = new();
        private long _droppedThrough = long.MinValue;

        public long LastAppendedTicks { get; private set; }

        public void Append(SseDelivery delivery, int maxCount, DateTime notBefore)
        {
            lock (_events)
            {
                _events.Enqueue(delivery);
                LastAppendedTicks = delivery.PublishedAt.Ticks;
                Trim(maxCount, notBefore);
            }
        }

        public SseReplay After(long lastEventId, DateTime notBefore)
        {
            lock (_events)
            {
                Trim(int.MaxValue, notBefore);
                var missed = _events.Where(e => e.Id > lastEventId).Select(e => new ServerSentEvent(e.Type, e.Data, e.Id)).ToList();
                return new SseReplay(missed, lastEventId < _droppedThrough);
            }
        }

        private void Trim(int maxCount, DateTime notBefore)
        {
            while (_events.Count > 0 && (_events.Count > maxCount || _events.Peek().PublishedAt < notBefore))
            {
                _droppedThrough = Math.Max(_droppedThrough, _events.Dequeue().Id);
            }
        }
    }
}
