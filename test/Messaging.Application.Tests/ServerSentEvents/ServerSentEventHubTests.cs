using Messaging.TestSupport;

namespace Messaging.ServerSentEvents;

public sealed class ServerSentEventHubTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly SseHarness _sse = new(new ServerSentEventOptions
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        StaleAfter = TimeSpan.FromSeconds(30),
        HistoryCount = 3,
        ShutdownWait = TimeSpan.FromMilliseconds(200)
    });

    private readonly Guid _tenant = Guid.NewGuid();

    [Fact]
    public async Task APublishedEvent_ReachesEverySubscriberOfItsTopic_AndNoOtherTopicOrTenant()
    {
        var (first, firstBody, firstStream) = Subscribe(new SseTopic(_tenant, "channel:a"));
        var (_, secondBody, secondStream) = Subscribe(new SseTopic(_tenant, "channel:a"));
        var (_, otherBody, otherStream) = Subscribe(new SseTopic(Guid.NewGuid(), "channel:a"));

        await _sse.Hub.PublishAsync(new SseTopic(_tenant, "channel:a"), new ServerSentEvent("message", "{\"n\":1}", 7));

        await Eventually.TrueAsync(() => Task.FromResult(firstBody.Text.Contains("id: 7\nevent: message\ndata: {\"n\":1}\n\n")), Patience, "the first subscriber has it");
        await Eventually.TrueAsync(() => Task.FromResult(secondBody.Text.Contains("id: 7\n")), Patience, "the second subscriber has it");
        otherBody.Text.ShouldNotContain("id: 7");
        first.Close(SseCloseReason.Client);
        await firstStream;
        _sse.Registry.CountSubscribers(new SseTopic(_tenant, "channel:a")).ShouldBe(1);
        _ = secondStream;
        _ = otherStream;
    }

    [Fact]
    public async Task AQuietStream_GetsHeartbeats()
    {
        using var heartbeats = new InstrumentRecorder(SseMetrics.MeterName, "heartbeats");
        var (_, body, _) = Subscribe(new SseTopic(_tenant, "channel:quiet"));

        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Split(": heartbeat\n\n").Length > 2), Patience, "two heartbeats were written");
        heartbeats.Total().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task AResumingClient_GetsWhatItMissedFromTheHistory_ThenLiveEvents_EachOnce()
    {
        var topic = new SseTopic(_tenant, "attachment:1");
        for (var id = 1; id <= 3; id++)
        {
            await _sse.Hub.PublishAsync(topic, new ServerSentEvent("progress", $"{id}", id));
        }

        var (_, body, _) = Subscribe(topic, lastEventId: 1);
        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Contains("id: 3\n")), Patience, "the missed events were replayed");
        await _sse.Hub.PublishAsync(topic, new ServerSentEvent("progress", "4", 4));

        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Contains("id: 4\n")), Patience, "the live event followed");
        body.Text.ShouldNotContain("event: gap");
        body.Text.ShouldNotContain("id: 1\n");
        IdsIn(body.Text).ShouldBe([2, 3, 4]);
    }

    [Fact]
    public async Task AClientOlderThanTheHistory_GetsAGapEventFirst()
    {
        var topic = new SseTopic(_tenant, "attachment:2");
        for (var id = 1; id <= 6; id++)
        {
            await _sse.Hub.PublishAsync(topic, new ServerSentEvent("progress", $"{id}", id));
        }

        var (_, body, _) = Subscribe(topic, lastEventId: 1);

        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Contains("id: 6\n")), Patience, "the history was replayed");
        body.Text.IndexOf("event: gap", StringComparison.Ordinal).ShouldBeLessThan(body.Text.IndexOf("id: 4\n", StringComparison.Ordinal));
        body.Text.ShouldContain("\"firstAvailableId\":4");
        IdsIn(body.Text).ShouldBe([4, 5, 6]);
    }

    [Fact]
    public async Task AReplaySource_AnswersForItsKindOfTopic()
    {
        using var sse = new SseHarness(new ServerSentEventOptions(), [new FixedReplay("channel", new SseReplay([new ServerSentEvent("message", "stored", 42)], true))]);
        var connection = sse.Admit(new SseClient(new SseTopic(_tenant, "channel:x"), "10.0.0.1", null));
        var body = new RecordingStream();
        _ = sse.Hub.StreamAsync(connection, body, 40, CancellationToken.None);

        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Contains("id: 42\n")), Patience, "the stored event was replayed");
        body.Text.ShouldContain("event: gap");
    }

    [Fact]
    public async Task ASubscriberThatStoppedReading_IsClosed_WhileTheOthersGetEveryEvent()
    {
        using var sse = new SseHarness(new ServerSentEventOptions { BufferCapacity = 4, HeartbeatInterval = TimeSpan.FromMinutes(1), StaleAfter = TimeSpan.FromMinutes(2) });
        var topic = new SseTopic(_tenant, "channel:busy");
        var stalledBody = new RecordingStream();
        var stalled = sse.Admit(new SseClient(topic, "10.0.0.1", null));
        stalledBody.Block();
        var stalledStream = sse.Hub.StreamAsync(stalled, stalledBody, null, CancellationToken.None);
        var readerBody = new RecordingStream();
        var reader = sse.Admit(new SseClient(topic, "10.0.0.2", null));
        _ = sse.Hub.StreamAsync(reader, readerBody, null, CancellationToken.None);

        for (var id = 1; id <= 50; id++)
        {
            await sse.Hub.PublishAsync(topic, new ServerSentEvent("message", "x", id));
            await Eventually.TrueAsync(() => Task.FromResult(readerBody.Text.Contains($"id: {id}\n")), Patience, $"the reader has event {id}");
        }

        await stalledStream;
        stalled.CloseReason.ShouldBe(SseCloseReason.BufferFull);
        reader.CloseReason.ShouldBeNull();
        IdsIn(readerBody.Text).Count.ShouldBe(50);
    }

    [Fact]
    public async Task AStreamWhoseWritesHang_EndsAsStale()
    {
        using var closed = new InstrumentRecorder(SseMetrics.MeterName, "connections.closed");
        var body = new RecordingStream();
        var connection = _sse.Admit(new SseClient(new SseTopic(_tenant, "channel:stuck"), "10.0.0.1", null));
        var stream = _sse.Hub.StreamAsync(connection, body, null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(body.Text.Contains(": connected")), Patience, "the stream started");
        body.Block();

        _sse.Clock.Advance(TimeSpan.FromSeconds(31));
        _sse.Registry.CloseStale();

        await stream;
        connection.CloseReason.ShouldBe(SseCloseReason.Stale);
        closed.Sum("reason", "stale").ShouldBe(1);
        _sse.Registry.Count.ShouldBe(0);
    }

    [Fact]
    public async Task OnShutdown_EveryStreamGetsACloseEventWithAJitteredRetry_AndEnds()
    {
        var streams = Enumerable.Range(0, 3).Select(i => Subscribe(new SseTopic(_tenant, "channel:s"), address: $"10.9.0.{i}")).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(streams.All(s => s.Body.Text.Contains(": connected"))), Patience, "every stream started");

        _sse.Hub.BeginShutdown();
        await Task.WhenAll(streams.Select(s => s.Stream));

        foreach (var (connection, body, _) in streams)
        {
            body.Text.ShouldContain("event: close\nretry: ");
            var retry = int.Parse(body.Text.Split("retry: ")[1].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
            retry.ShouldBeInRange((int)_sse.Options.ReconnectMin.TotalMilliseconds, (int)_sse.Options.ReconnectMax.TotalMilliseconds);
            connection.CloseReason.ShouldBe(SseCloseReason.Shutdown);
        }

        _sse.Registry.Count.ShouldBe(0);
    }

    [Fact]
    public void DataWithLineBreaks_IsSentAsSeveralDataLines()
    {
        var frames = new System.Text.StringBuilder();
        ServerSentEventHub.AppendFrame(frames, "message\nevent: forged", "line one\r\nline two\nid: 99", 5);

        frames.ToString().ShouldBe("id: 5\nevent: message event: forged\ndata: line one\ndata: line two\ndata: id: 99\n\n");
    }

    public void Dispose() => _sse.Dispose();

    private (SseConnection Connection, RecordingStream Body, Task Stream) Subscribe(SseTopic topic, long? lastEventId = null, string address = "10.0.0.1")
    {
        var connection = _sse.Admit(new SseClient(topic, address + "/" + Guid.NewGuid().ToString("N")[..4], null));
        var body = new RecordingStream();
        return (connection, body, _sse.Hub.StreamAsync(connection, body, lastEventId, CancellationToken.None));
    }

    private static List<long> IdsIn(string text) =>
        text.Split('\n').Where(line => line.StartsWith("id: ", StringComparison.Ordinal)).Select(line => long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private sealed class FixedReplay(string kind, SseReplay replay) : ISseReplaySource
    {
        public string Kind => kind;

        public Task<SseReplay> ReplayAsync(SseTopic topic, long lastEventId, CancellationToken cancellationToken) => Task.FromResult(replay);
    }
}
