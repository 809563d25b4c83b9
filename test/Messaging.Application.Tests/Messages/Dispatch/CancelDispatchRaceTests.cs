using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// Cancel against dispatch on a real database: of a cancel and a dispatcher's Sending for one message exactly one
/// commits, and a cancelled message never reaches the provider.
/// </summary>
public class CancelDispatchRaceTests
{
    private readonly ScriptedSender _sender = new();
    private readonly ICircuitBreaker _circuits = Substitute.For<ICircuitBreaker>();

    public CancelDispatchRaceTests() =>
        _circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task CancelCommittedAfterTheClaim_WithdrawsOnlyThatMessage_AndTheRoundSendsTheRest(DatabaseProvider provider)
    {
        var tenant = Guid.NewGuid();
        Message[] messages = [TestMessages.Sms(tenant, "a"), TestMessages.Sms(tenant, "b"), TestMessages.Sms(tenant, "c")];
        var victim = messages[1];
        GroupCommitHarness? started = null;
        // The resolver runs after the claim and before Sending is saved: the cancel commits right in between.
        var resolver = new InterceptingResolver(_sender.Provider, async () =>
        {
            var answer = await CancelAsync(started!, tenant, victim.Id);
            answer.ShouldBe(MessageStatus.Cancelled);
        });
        await using var harness = started = await StartAsync(provider, resolver);
        await QueueAsync(harness, messages);

        var claimed = await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        claimed.ShouldBe(3);
        _sender.Calls.Select(call => call.MessageId).ShouldBe([messages[0].Id, messages[2].Id], ignoreOrder: true);
        var stored = await LoadAsync(harness, victim.Id);
        stored.Status.ShouldBe(MessageStatus.Cancelled);
        stored.DispatchAttempts.ShouldBe(0);
        stored.History.Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Queued, MessageStatus.Cancelled], ignoreOrder: true);
        (await LoadAsync(harness, messages[0].Id)).Status.ShouldBe(MessageStatus.Sent);
        (await LoadAsync(harness, messages[2].Id)).Status.ShouldBe(MessageStatus.Sent);
        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0, "nothing is left to claim");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task CancelsRacingRunningDispatchers_EndEachMessageEitherCancelledAndNeverSent_OrSentAndRefused(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider, new SingleProviderResolver(_sender.Provider), ("HighThroughput:Dispatch:BatchSize", "8"));
        var tenant = Guid.NewGuid();
        var messages = await QueueAsync(harness, Enumerable.Range(0, 160).Select(i => TestMessages.Sms(tenant, $"m{i}")).ToArray());
        using var cancelsDone = new CancellationTokenSource();
        var cancelsAnswered = 0;
        // However fast dispatch runs here, it cannot send the whole queue before the cancels have taken part of it.
        _sender.Before = async _ =>
        {
            if (_sender.Calls.Count > messages.Length / 4)
            {
                await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref cancelsAnswered) >= 16), TimeSpan.FromSeconds(30),
                    "the cancels answered for the newest messages");
            }
        };

        // Dispatchers take the oldest first; cancels start from the newest, so the two meet in the middle of the queue.
        var dispatchers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None) > 0 || !cancelsDone.IsCancellationRequested)
            {
                await Task.Yield();
            }
        })).ToArray();
        // Cancels start once dispatch demonstrably runs, so both sides of the race are taken whatever the machine's pace.
        await Eventually.TrueAsync(() => Task.FromResult(_sender.Calls.Count > 0), TimeSpan.FromSeconds(20), "the dispatchers sent a first message");
        var answers = new MessageStatus[messages.Length];
        await Parallel.ForAsync(0, messages.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var index = messages.Length - 1 - i;
            answers[index] = await CancelAsync(harness, tenant, messages[index].Id);
            Interlocked.Increment(ref cancelsAnswered);
        });
        await cancelsDone.CancelAsync();
        await Task.WhenAll(dispatchers);

        var sent = _sender.Calls.GroupBy(call => call.MessageId).ToDictionary(group => group.Key, group => group.Count());
        for (var index = 0; index < messages.Length; index++)
        {
            var stored = await LoadAsync(harness, messages[index].Id);
            if (answers[index] == MessageStatus.Cancelled)
            {
                stored.Status.ShouldBe(MessageStatus.Cancelled, $"message {index} was cancelled");
                sent.ShouldNotContainKey(messages[index].Id, $"cancelled message {index} reached the provider");
                stored.History.ShouldNotContain(h => h.Status == MessageStatus.Sending);
            }
            else
            {
                answers[index].ShouldBeOneOf(MessageStatus.Sending, MessageStatus.Sent);
                stored.Status.ShouldBe(MessageStatus.Sent, $"message {index} was refused cancellation");
                sent[messages[index].Id].ShouldBe(1);
                stored.History.ShouldNotContain(h => h.Status == MessageStatus.Cancelled);
            }
        }

        answers.ShouldContain(MessageStatus.Cancelled, "some cancels won");
        answers.ShouldContain(answer => answer != MessageStatus.Cancelled, "some dispatches won");
    }

    [Fact]
    public async Task CancelledBeforeItWasQueued_StaysCancelled_WhenItsAcceptanceEventArrives()
    {
        await using var harness = await StartAsync(DatabaseProvider.Sqlite, new SingleProviderResolver(_sender.Provider));
        var tenant = Guid.NewGuid();
        var early = TestMessages.Sms(tenant, "withdrawn at once");
        var other = TestMessages.Sms(tenant, "queued as usual");
        await harness.IngestAsync(early);
        await harness.IngestAsync(other);

        (await CancelAsync(harness, tenant, early.Id)).ShouldBe(MessageStatus.Cancelled);
        await harness.StartRelayAsync();
        await Eventually.TrueAsync(async () => await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>()
                .InboxRecords.CountAsync()) == 2,
            TimeSpan.FromSeconds(20), "both acceptance events are handled");

        var stored = await LoadAsync(harness, early.Id);
        stored.Status.ShouldBe(MessageStatus.Cancelled);
        stored.History.Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Cancelled], ignoreOrder: true);
        (await LoadAsync(harness, other.Id)).Status.ShouldBe(MessageStatus.Queued);
    }

    [Fact]
    public async Task CancellingAMessageThatIsSending_IsRefusedWithItsStatus()
    {
        await using var harness = await StartAsync(DatabaseProvider.Sqlite, new SingleProviderResolver(_sender.Provider));
        var tenant = Guid.NewGuid();
        var message = (await QueueAsync(harness, TestMessages.Sms(tenant))).Single();
        await harness.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IMessageDispatchStore>();
            var claimed = await store.ClaimAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None);
            claimed.Messages.Single().MarkSending(DateTime.UtcNow);
            await store.SaveAsync(CancellationToken.None);
            return true;
        });

        (await CancelAsync(harness, tenant, message.Id)).ShouldBe(MessageStatus.Sending);
        (await LoadAsync(harness, message.Id)).Status.ShouldBe(MessageStatus.Sending);
    }

    /// <summary>Cancels through the tenant's own scope; answers Cancelled, or the status that made it too late.</summary>
    private static async Task<MessageStatus> CancelAsync(GroupCommitHarness harness, Guid tenantId, Guid messageId)
    {
        using var tenant = harness.CurrentTenant.Change(tenantId);
        try
        {
            return (await harness.InScopeAsync(services => services.GetRequiredService<MessageCancellation>().CancelAsync(messageId, CancellationToken.None))).Status;
        }
        catch (MessageNotCancellableException tooLate)
        {
            return tooLate.Status;
        }
    }

    private Task<GroupCommitHarness> StartAsync(DatabaseProvider provider, IProviderEndpointResolver resolver, params (string Key, string Value)[] settings) =>
        GroupCommitHarness.StartAsync(
            settings.ToDictionary(s => s.Key, s => (string?)s.Value),
            services => services
                .AddSingleton<IMessageSender>(_sender)
                .AddSingleton(resolver)
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(_circuits),
            provider);

    private static MessageDispatcher Dispatcher(GroupCommitHarness harness) => harness.Services.GetRequiredService<MessageDispatcher>();

    private static async Task<Message[]> QueueAsync(GroupCommitHarness harness, params Message[] messages)
    {
        foreach (var message in messages)
        {
            await harness.IngestAsync(message);
        }

        await harness.StartRelayAsync();
        var ids = messages.Select(m => m.Id).ToList();
        await Eventually.TrueAsync(async () => await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
                .IgnoreQueryFilters().CountAsync(m => ids.Contains(m.Id) && m.Status == MessageStatus.Queued)) == ids.Count,
            TimeSpan.FromSeconds(30), "the messages are queued");
        return messages;
    }

    private static Task<Message> LoadAsync(GroupCommitHarness harness, Guid id) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
            .IgnoreQueryFilters().AsNoTracking().Include(m => m.History).SingleAsync(m => m.Id == id));

    /// <summary>Routes every message to one provider, running <paramref name="onFirstResolve"/> once before the first answer.</summary>
    private sealed class InterceptingResolver(string provider, Func<Task> onFirstResolve) : IProviderEndpointResolver
    {
        private readonly SingleProviderResolver _inner = new(provider);
        private int _resolved;

        public async Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _resolved, 1) == 0)
            {
                await onFirstResolve();
            }

            return await _inner.ResolveAsync(tenantId, channel, cancellationToken);
        }
    }
}
