namespace Messaging.ServerSentEvents;

public sealed class SseConnectionRegistryTests : IDisposable
{
    private readonly SseHarness _sse = new(new ServerSentEventOptions
    {
        MaxConnections = 6,
        MaxConnectionsPerClientAddress = 5,
        MaxConnectionsPerTenant = 4,
        MaxNewConnectionsPerClientAddress = 100
    });

    [Fact]
    public void EachConnection_HasItsOwnIdAndTheClientsMetadata()
    {
        var tenant = Guid.NewGuid();
        var first = _sse.Admit(SseHarness.Client(tenant, "channel:a", "10.0.0.1"));
        var second = _sse.Admit(SseHarness.Client(tenant, "channel:b", "10.0.0.2"));

        first.Id.ShouldNotBe(second.Id);
        first.Topic.ShouldBe(new SseTopic(tenant, "channel:a"));
        first.Client.ClientAddress.ShouldBe("10.0.0.1");
        first.Client.UserAgent.ShouldBe("tests");
        first.ConnectedAt.ShouldBe(_sse.Clock.GetUtcNow().UtcDateTime);
        _sse.Registry.Snapshot().Select(c => c.Id).ShouldBe([first.Id, second.Id], ignoreOrder: true);
        _sse.Registry.CountSubscribers(new SseTopic(tenant, "channel:a")).ShouldBe(1);
    }

    [Fact]
    public void AClientAddress_GetsFiveConnections_TheSixthIsRefused_UntilOneCloses()
    {
        var admitted = Enumerable.Range(0, 5).Select(i => _sse.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.0.0.9"))).ToList();

        var refused = _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.0.0.9"));
        refused.Refusal.ShouldBe(SseRefusal.ClientAddress);
        refused.Limit.ShouldBe(5);
        refused.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);

        admitted[0].Dispose();
        _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.0.0.9")).Connection.ShouldNotBeNull();
    }

    [Fact]
    public void ATenant_IsHeldToItsLimit_WhateverAddressesItUses()
    {
        var tenant = Guid.NewGuid();
        for (var i = 0; i < 4; i++)
        {
            _sse.Admit(SseHarness.Client(tenant, address: $"10.1.0.{i}"));
        }

        _sse.Hub.Admit(SseHarness.Client(tenant, address: "10.1.0.99")).Refusal.ShouldBe(SseRefusal.Tenant);
        _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.1.0.99")).Connection.ShouldNotBeNull();
    }

    [Fact]
    public void TheInstance_IsHeldToItsGlobalLimit()
    {
        for (var i = 0; i < 6; i++)
        {
            _sse.Admit(SseHarness.Client(Guid.NewGuid(), address: $"10.2.0.{i}"));
        }

        _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.2.0.99")).Refusal.ShouldBe(SseRefusal.Global);
    }

    [Fact]
    public void ConcurrentConnects_NeverPassALimitTogether()
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<SseAdmission>();
        Parallel.For(0, 200, _ => results.Add(_sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.3.0.1"))));

        results.Count(r => r.Connection is not null).ShouldBe(5);
        _sse.Registry.Count.ShouldBe(5);
    }

    [Fact]
    public void AReconnectStorm_IsRefusedByTheConnectionRate_AndAdmittedAgainAfterTheWindow()
    {
        using var sse = new SseHarness(new ServerSentEventOptions { MaxNewConnectionsPerClientAddress = 3, NewConnectionWindow = TimeSpan.FromSeconds(10) });
        for (var i = 0; i < 3; i++)
        {
            sse.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.4.0.1")).Dispose();
        }

        var refused = sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.4.0.1"));
        refused.Refusal.ShouldBe(SseRefusal.ConnectionRate);
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(10));

        sse.Clock.Advance(TimeSpan.FromSeconds(10.5));
        sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.4.0.1")).Connection.ShouldNotBeNull();
    }

    [Fact]
    public void AConnectionNothingWasWrittenTo_ForStaleAfter_IsClosedAsStale()
    {
        var quiet = _sse.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.5.0.1"));
        var lively = _sse.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.5.0.2"));
        var aborted = false;
        quiet.Abort = () => aborted = true;

        _sse.Clock.Advance(TimeSpan.FromSeconds(20));
        _sse.Registry.CloseStale().ShouldBe(0);
        lively.Wrote(_sse.Clock.GetUtcNow().UtcDateTime);
        _sse.Clock.Advance(TimeSpan.FromSeconds(11));

        _sse.Registry.CloseStale().ShouldBe(1);
        quiet.CloseReason.ShouldBe(SseCloseReason.Stale);
        quiet.Closing.IsCancellationRequested.ShouldBeTrue();
        aborted.ShouldBeTrue();
        lively.CloseReason.ShouldBeNull();
    }

    [Fact]
    public void AFullBuffer_ClosesOnlyThatConnection()
    {
        using var sse = new SseHarness(new ServerSentEventOptions { BufferCapacity = 2 });
        var tenant = Guid.NewGuid();
        var reader = sse.Admit(SseHarness.Client(tenant, address: "10.6.0.1"));
        var stalled = sse.Admit(SseHarness.Client(tenant, address: "10.6.0.2"));
        var delivery = new SseDelivery(1, "message", "{}", DateTime.UtcNow);

        reader.TryDeliver(delivery).ShouldBeTrue();
        reader.Reader.TryRead(out _).ShouldBeTrue();
        stalled.TryDeliver(delivery).ShouldBeTrue();
        stalled.TryDeliver(delivery).ShouldBeTrue();
        stalled.TryDeliver(delivery).ShouldBeFalse();

        stalled.CloseReason.ShouldBe(SseCloseReason.BufferFull);
        reader.CloseReason.ShouldBeNull();
        reader.TryDeliver(delivery).ShouldBeTrue();
    }

    [Fact]
    public void AfterShutdownBegins_NewConnectionsAreRefused()
    {
        _sse.Admit(SseHarness.Client(Guid.NewGuid()));
        _sse.Hub.BeginShutdown();

        var refused = _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), address: "10.7.0.1"));
        refused.Refusal.ShouldBe(SseRefusal.ShuttingDown);
        _sse.Registry.Summarize().ShuttingDown.ShouldBeTrue();
    }

    [Fact]
    public void Metrics_CountOpened_RefusedByReason_AndActiveByKind()
    {
        using var opened = new InstrumentRecorder(SseMetrics.MeterName, "connections.opened");
        using var refused = new InstrumentRecorder(SseMetrics.MeterName, "connections.refused");
        using var active = new InstrumentRecorder(SseMetrics.MeterName, "connections.active");
        for (var i = 0; i < 6; i++)
        {
            _sse.Hub.Admit(SseHarness.Client(Guid.NewGuid(), "attachment:x", "10.8.0.1"));
        }

        opened.Sum("kind", "attachment").ShouldBe(5);
        refused.Sum("reason", "client_address").ShouldBe(1);
        active.Observe();
        active.Sum("kind", "attachment").ShouldBe(5);
    }

    public void Dispose() => _sse.Dispose();
}
