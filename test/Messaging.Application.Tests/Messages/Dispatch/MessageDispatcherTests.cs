using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.Messages.Delivery;
using Messaging.Messages.EventHandlers;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.Messages.Dispatch;

/// <summary>Dispatch rounds over a real SQLite database, messages accepted and queued through the real pipeline.</summary>
public class MessageDispatcherTests
{
    private readonly ScriptedSender _sender = new();
    private readonly ICircuitBreaker _circuits = Substitute.For<ICircuitBreaker>();

    public MessageDispatcherTests() =>
        _circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);

    [Fact]
    public async Task QueuedMessage_IsSent_WithTheProvidersId_AndItsWholeHistory()
    {
        await using var harness = await StartAsync();
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(1);

        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Sent);
        stored.ProviderName.ShouldBe("scripted");
        stored.ProviderMessageId.ShouldBe($"scripted-{message.Id:N}");
        stored.DispatchAttempts.ShouldBe(1);
        stored.History.OrderBy(h => h.OccurredAt).ThenBy(h => h.Id).Select(h => h.Status)
            .ShouldBe([MessageStatus.Accepted, MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Sent]);
        _sender.Calls.Single().MessageId.ShouldBe(message.Id);
        await _circuits.Received(1).RecordSuccessAsync(new CircuitKey("scripted", message.TenantId), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task QueuedMessages_AreSentInRankOrder()
    {
        await using var harness = await StartAsync(("HighThroughput:Dispatch:BatchSize", "1"));
        var tenant = Guid.NewGuid();
        var random = new Random(20261122);
        var messages = await QueueAsync(harness, Enumerable.Range(0, 24)
            .Select(i => TestMessages.Sms(tenant, $"m{i}", priority: (MessagePriority)random.Next(4))).ToArray());
        var step = TimeSpan.FromSeconds(30);
        var origin = DateTime.UtcNow;
        var ranks = messages.ToDictionary(m => m.Id, m => DispatchOrder.RankFor(m.Priority, origin.AddSeconds(random.Next(0, 120)), step));
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            foreach (var (id, rank) in ranks)
            {
                await db.Messages.IgnoreQueryFilters().Where(m => m.Id == id).ExecuteUpdateAsync(set => set.SetProperty(m => m.DispatchRank, rank));
            }

            return true;
        });

        while (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }

        _sender.Calls.Select(call => call.MessageId).ShouldBe(ranks.OrderBy(pair => pair.Value).Select(pair => pair.Key));
    }

    [Fact]
    public async Task TransientFailures_GoBackToTheQueue_ThenFailOnceAttemptsRunOut()
    {
        await using var harness = await StartAsync(
            ("HighThroughput:Dispatch:MaxAttempts", "3"),
            ("HighThroughput:Dispatch:RetryBaseDelay", "00:00:00.010"));
        _sender.Answer = _ => SendResult.Transient("503", "provider unavailable");
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        await Eventually.TrueAsync(async () =>
        {
            await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);
            return (await LoadAsync(harness, message.Id)).Status == MessageStatus.Failed;
        }, TimeSpan.FromSeconds(20), "the message fails after its attempts");

        var stored = await LoadAsync(harness, message.Id);
        stored.DispatchAttempts.ShouldBe(3);
        stored.FailureCode.ShouldBe("503");
        _sender.Calls.Count.ShouldBe(3);
        stored.History.Count(h => h.Status == MessageStatus.Sending).ShouldBe(3);
        stored.History.Count(h => h.Status == MessageStatus.Queued).ShouldBe(3);
        stored.History.Single(h => h.Status == MessageStatus.Failed).Reason!.ShouldContain("provider unavailable");
        await _circuits.Received(3).RecordFailureAsync(Arg.Any<CircuitKey>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PermanentError_FailsAtOnce_WithTheProvidersCode()
    {
        await using var harness = await StartAsync();
        _sender.Answer = _ => SendResult.Permanent("21211", "invalid 'To' number");
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Failed);
        stored.FailureCode.ShouldBe("21211");
        stored.DispatchAttempts.ShouldBe(1);
        await _circuits.DidNotReceiveWithAnyArgs().RecordFailureAsync(default, default);
    }

    [Fact]
    public async Task Throttling_WaitsAsLongAsTheProviderAsked_WithoutCountingAFailure()
    {
        await using var harness = await StartAsync();
        _sender.Answer = _ => SendResult.Throttled("429", "too many requests", TimeSpan.FromHours(1));
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);
        var claimedAgain = await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        claimedAgain.ShouldBe(0);
        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Queued);
        stored.NextAttemptAt!.Value.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(59));
        await _circuits.DidNotReceiveWithAnyArgs().RecordFailureAsync(default, default);
    }

    [Fact]
    public async Task OpenCircuit_LeavesTheMessageQueued_WithoutAnAttemptOrAHistoryEntry()
    {
        await using var harness = await StartAsync();
        var probeAt = DateTime.UtcNow.AddMinutes(1);
        _circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Refused(probeAt));
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Queued);
        stored.DispatchAttempts.ShouldBe(0);
        stored.NextAttemptAt!.Value.ShouldBe(probeAt, TimeSpan.FromMilliseconds(1));
        stored.History.Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Queued], ignoreOrder: true);
        _sender.Calls.ShouldBeEmpty();
        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task HalfOpenCircuit_LetsOneMessageOfTheBatchProbe()
    {
        await using var harness = await StartAsync();
        _circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Probe);
        var tenant = Guid.NewGuid();
        await QueueAsync(harness, TestMessages.Sms(tenant, "a"), TestMessages.Sms(tenant, "b"), TestMessages.Sms(tenant, "c"));

        await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        _sender.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task MessageADeadDispatcherLeftInSending_IsSentAgainOnceItsClaimExpires_UnderTheSameIdempotencyKey()
    {
        await using var harness = await StartAsync(
            ("HighThroughput:Dispatch:ClaimTimeout", "00:00:01"),
            ("HighThroughput:CircuitBreaker:TimeoutDuration", "00:00:00.500"),
            ("HighThroughput:CircuitBreaker:RetryAttempts", "0"));
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();
        await harness.InScopeAsync(async services =>
        {
            // What a dispatcher killed mid-send leaves behind: Sending recorded, claim held, no outcome.
            var store = services.GetRequiredService<IMessageDispatchStore>();
            var claim = await store.ClaimAsync(10, TimeSpan.FromSeconds(1), CancellationToken.None);
            claim.Messages.Single().MarkSending(DateTime.UtcNow);
            await store.SaveAsync(CancellationToken.None);
            return true;
        });

        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0, "the claim still holds");
        await Eventually.TrueAsync(async () => await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None) == 1,
            TimeSpan.FromSeconds(10), "the expired claim is taken over");

        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Sent);
        stored.DispatchAttempts.ShouldBe(2);
        _sender.Calls.Single().MessageId.ShouldBe(message.Id);
    }

    [Fact]
    public async Task EmailMessages_AreHandedToTheEmailQueue_NotDispatched()
    {
        await using var harness = await StartAsync();
        var email = Message.Accept(Guid.NewGuid(), MessageChannel.Email, "someone@example.com", "hi", MessagePriority.Normal, null, null, DateTime.UtcNow);
        await harness.IngestAsync(email);
        await harness.StartRelayAsync();
        await Eventually.TrueAsync(async () => (await LoadAsync(harness, email.Id)).Status == MessageStatus.Sending,
            TimeSpan.FromSeconds(20), "the message is handed over");

        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0);

        var stored = await LoadAsync(harness, email.Id);
        stored.History.Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Queued, MessageStatus.Sending]);
        stored.History[^1].Reason.ShouldBe($"handed to {QueueAcceptedMessageHandler.EmailQueue}");
        _sender.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ConcurrentDispatchers_SendEachMessageOnce()
    {
        await using var harness = await StartAsync(("HighThroughput:Dispatch:BatchSize", "7"));
        var tenant = Guid.NewGuid();
        var messages = await QueueAsync(harness, Enumerable.Range(0, 120).Select(i => TestMessages.Sms(tenant, $"m{i}")).ToArray());
        var dispatcher = Dispatcher(harness);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
            {
            }
        })));

        _sender.Calls.Select(c => c.MessageId).ShouldBe(messages.Select(m => m.Id), ignoreOrder: true);
    }

    private Task<GroupCommitHarness> StartAsync(params (string Key, string Value)[] settings) =>
        GroupCommitHarness.StartAsync(
            settings.ToDictionary(s => s.Key, s => (string?)s.Value),
            services => services
                .AddSingleton<IMessageSender>(_sender)
                .AddSingleton<IProviderEndpointResolver>(new SingleProviderResolver(_sender.Provider))
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(_circuits));

    private static MessageDispatcher Dispatcher(GroupCommitHarness harness) => harness.Services.GetRequiredService<MessageDispatcher>();

    /// <summary>Accepts the messages and lets the outbox relay queue them, as in production.</summary>
    internal static async Task<Message[]> QueueAsync(GroupCommitHarness harness, params Message[] messages)
    {
        foreach (var message in messages)
        {
            await harness.IngestAsync(message);
        }

        await harness.StartRelayAsync();
        var ids = messages.Select(m => m.Id).ToList();
        await Eventually.TrueAsync(async () => await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
                .IgnoreQueryFilters().CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Queued)) == ids.Count,
            TimeSpan.FromSeconds(20), "the messages are queued");
        return messages;
    }

    internal static Task<Message> LoadAsync(GroupCommitHarness harness, Guid id) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
            .IgnoreQueryFilters().AsNoTracking().Include(m => m.History).SingleAsync(m => m.Id == id));
}
