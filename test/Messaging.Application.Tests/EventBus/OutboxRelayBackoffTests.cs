using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.EventBus;

public class OutboxRelayBackoffTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TransportOutage_IsRetriedWithGrowingPauses_NotInATightLoop()
    {
        var clock = new FakeTimeProvider(Start);
        var transport = new ScriptedTransport(_ => throw new IOException("broker unreachable"));
        await using var harness = await StartAsync(clock, transport);
        var stored = await AddEventAsync(harness, clock);

        var window = TimeSpan.FromMinutes(10);
        for (var elapsed = TimeSpan.Zero; elapsed < window; elapsed += TimeSpan.FromSeconds(1))
        {
            await RelayOnceIgnoringOutageAsync(harness);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Once a second for ten minutes would be 600 attempts; doubling pauses from 1 s up to 5 min allow about ten.
        transport.Calls.ShouldBeInRange(5, 15);
        var row = await RowAsync(harness, stored.Id);
        row.DeadLetteredAt.ShouldBeNull();
        row.SentAt.ShouldBeNull();
        row.FailedAttempts.ShouldBe(transport.Calls);
        row.NextAttemptAt.ShouldNotBeNull().ShouldBeGreaterThan(clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task OutageLongerThanAnyAttemptLimit_DoesNotPark_AndTheEventIsSentWhenTheTransportReturns(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(Start);
        // Ten outages of the whole transport, then ten refusals of the event itself (a nack, a handler whose
        // database is down), then success: none of that is the event's fault.
        var transport = new ScriptedTransport(call => call switch
        {
            <= 10 => throw new IOException("broker unreachable"),
            <= 20 => PublishOutcome.Failed("handler failed: database is locked"),
            _ => PublishOutcome.Ok
        });
        await using var harness = await StartAsync(clock, transport, provider);
        var stored = await AddEventAsync(harness, clock);

        while ((await RowAsync(harness, stored.Id)).SentAt is null)
        {
            (await RowAsync(harness, stored.Id)).DeadLetteredAt.ShouldBeNull();
            transport.Calls.ShouldBeLessThanOrEqualTo(21);
            await RelayOnceIgnoringOutageAsync(harness);
            clock.Advance(TimeSpan.FromMinutes(6));
        }

        transport.Calls.ShouldBe(21);
        (await RowAsync(harness, stored.Id)).DeadLetteredAt.ShouldBeNull();
    }

    [Fact]
    public async Task EventThatCanNeverBeDelivered_IsParkedAtOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var transport = new ScriptedTransport(_ => PublishOutcome.NeverDeliverable("No event type is known by the name 'gone'."));
        await using var harness = await StartAsync(clock, transport);
        var stored = await AddEventAsync(harness, clock);

        await harness.Relay.RelayOnceAsync(Settings(harness), CancellationToken.None);

        var row = await RowAsync(harness, stored.Id);
        row.DeadLetteredAt.ShouldBe(clock.GetUtcNow().UtcDateTime);
        row.LastError.ShouldBe("No event type is known by the name 'gone'.");
        clock.Advance(TimeSpan.FromDays(1));
        await harness.Relay.RelayOnceAsync(Settings(harness), CancellationToken.None);
        transport.Calls.ShouldBe(1);
    }

    [Theory]
    [InlineData("00:00:00", "00:05:00")]
    [InlineData("00:00:10", "00:00:05")]
    public async Task ABackoffThatCannotGrow_IsRefusedAtStart(string baseDelay, string maxDelay)
    {
        await using var harness = await GroupCommitHarness.StartAsync(new Dictionary<string, string?>
        {
            ["EventBus:RetryBaseDelay"] = baseDelay,
            ["EventBus:RetryMaxDelay"] = maxDelay
        });

        Should.Throw<OptionsValidationException>(() => Settings(harness));
    }

    private static async Task<GroupCommitHarness> StartAsync(FakeTimeProvider clock, ScriptedTransport transport,
        DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        await GroupCommitHarness.StartAsync(replace: services => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IEventTransport>(transport), provider: provider);

    private static EventBusOptions Settings(GroupCommitHarness harness) =>
        harness.Services.GetRequiredService<IOptionsMonitor<EventBusOptions>>().CurrentValue;

    private static async Task RelayOnceIgnoringOutageAsync(GroupCommitHarness harness)
    {
        try
        {
            await harness.Relay.RelayOnceAsync(Settings(harness), CancellationToken.None);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<OutboxMessage> AddEventAsync(GroupCommitHarness harness, TimeProvider clock)
    {
        var message = new OutboxMessage(Guid.CreateVersion7(), "tests.anything", "{}", Guid.NewGuid(), null, null, clock.GetUtcNow().UtcDateTime);
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.OutboxMessages.Add(message);
            return await db.SaveChangesAsync();
        });
        return message;
    }

    private static Task<OutboxMessage> RowAsync(GroupCommitHarness harness, Guid id) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking().SingleAsync(o => o.Id == id));

    /// <summary>Answers each publish call (counted from 1) as the script says, for every event of the batch.</summary>
    private sealed class ScriptedTransport(Func<int, PublishOutcome> script) : IEventTransport
    {
        public int Calls { get; private set; }

        public string MessagingSystem => "scripted";

        public Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
        {
            var outcome = script(++Calls);
            return Task.FromResult<IReadOnlyList<PublishOutcome>>(batch.Select(_ => outcome).ToList());
        }
    }
}
