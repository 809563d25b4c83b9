using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using static Messaging.Messages.Dispatch.MessageDispatcherTests;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// One tenant's provider answers what it likes; another tenant's messages in the same round must not notice, and no
/// message is ever left in Sending to be sent again and again.
/// </summary>
public class DispatchIsolationTests
{
    public enum Fault
    {
        OversizedProviderId,
        DuplicateProviderId,
        NulAndOversizedErrorBody
    }

    private readonly ScriptedSender _sender = new();
    private readonly ICircuitBreaker _circuits = Substitute.For<ICircuitBreaker>();

    public DispatchIsolationTests() =>
        _circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Fault.OversizedProviderId)]
    [InlineData(DatabaseProvider.Sqlite, Fault.DuplicateProviderId)]
    [InlineData(DatabaseProvider.Sqlite, Fault.NulAndOversizedErrorBody)]
    [InlineData(DatabaseProvider.PostgreSql, Fault.OversizedProviderId)]
    [InlineData(DatabaseProvider.PostgreSql, Fault.DuplicateProviderId)]
    [InlineData(DatabaseProvider.PostgreSql, Fault.NulAndOversizedErrorBody)]
    public async Task OneTenantsMisbehavingProvider_AffectsOnlyThatTenantsMessages_AndNothingIsSentTwice(DatabaseProvider provider, Fault fault)
    {
        await using var harness = await StartAsync(provider);
        var misbehaving = Guid.NewGuid();
        var wellBehaved = Guid.NewGuid();
        var good = _sender.Answer;
        _sender.Answer = message => message.TenantId != misbehaving ? good(message) : fault switch
        {
            Fault.OversizedProviderId => SendResult.Sent(new string('S', 270) + message.MessageId.ToString("N")),
            Fault.DuplicateProviderId => SendResult.Sent("SM-the-same-for-every-message"),
            _ => SendResult.Permanent("21211\0" + new string('9', 100), "invalid number\0" + new string('x', 5_000) + "\uD800")
        };
        var messages = await QueueAsync(harness, Enumerable.Range(0, 5)
            .SelectMany(i => new[] { TestMessages.Sms(misbehaving, $"a{i}"), TestMessages.Sms(wellBehaved, $"b{i}") }).ToArray());

        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(10);
        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0, "no message is left to be claimed again");

        _sender.Calls.Select(call => call.MessageId).ShouldBe(messages.Select(m => m.Id), ignoreOrder: true, "each message reached the provider once");
        foreach (var message in messages.Where(m => m.TenantId == wellBehaved))
        {
            var stored = await LoadAsync(harness, message.Id);
            stored.Status.ShouldBe(MessageStatus.Sent);
            stored.ProviderMessageId.ShouldBe($"scripted-{message.Id:N}");
        }

        var expected = fault == Fault.NulAndOversizedErrorBody ? MessageStatus.Failed : MessageStatus.Sent;
        foreach (var message in messages.Where(m => m.TenantId == misbehaving))
        {
            var stored = await LoadAsync(harness, message.Id);
            stored.Status.ShouldBe(expected, "what the provider answered is recorded, even when its values cannot be stored as given");
            stored.FailureCode?.Length.ShouldBeLessThanOrEqualTo(MessageConsts.MaxFailureCodeLength);
            stored.FailureCode?.ShouldNotContain('\0');
            stored.History.ShouldAllBe(change => change.Reason == null
                || (change.Reason.Length <= MessageConsts.MaxStatusReasonLength && !change.Reason.Contains('\0')));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TwoTenants_WhoseProvidersUseTheSameMessageId_AreBothSentWithIt(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        _sender.Answer = _ => SendResult.Sent("SM0001");
        var messages = await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()), TestMessages.Sms(Guid.NewGuid()));

        await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);

        foreach (var message in messages)
        {
            var stored = await LoadAsync(harness, message.Id);
            stored.Status.ShouldBe(MessageStatus.Sent);
            stored.ProviderMessageId.ShouldBe("SM0001");
        }
    }

    [Fact]
    public async Task MessageTakenOverFromADeadDispatcher_WithItsAttemptsUsedUp_FailsWithoutAnotherCall()
    {
        await using var harness = await StartAsync(DatabaseProvider.Sqlite,
            ("HighThroughput:Dispatch:MaxAttempts", "2"));
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();
        // What dispatchers that died twice after recording Sending leave behind: the provider may have been called both times.
        await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages.IgnoreQueryFilters()
            .Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, MessageStatus.Sending)
                .SetProperty(m => m.DispatchAttempts, 2)
                .SetProperty(m => EF.Property<Guid?>(m, MessagesDbProperties.DispatchClaimToken), Guid.NewGuid())
                .SetProperty(m => EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil), DateTime.UtcNow.AddSeconds(-1))));

        (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(1, "the expired claim is taken over");

        var stored = await LoadAsync(harness, message.Id);
        stored.Status.ShouldBe(MessageStatus.Failed);
        stored.FailureCode.ShouldBe("abandoned");
        stored.DispatchAttempts.ShouldBe(2);
        _sender.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ASlowTenant_HoldsOnlyItsShareOfTheSendSlots_WhileAnotherTenantsMessagesAreSent()
    {
        await using var harness = await StartAsync(DatabaseProvider.Sqlite,
            ("HighThroughput:Dispatch:MaxConcurrentSends", "4"),
            ("HighThroughput:Dispatch:MaxConcurrentSendsPerTenantProvider", "2"));
        var slow = Guid.NewGuid();
        var fast = Guid.NewGuid();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sender.Before = message => message.TenantId == slow ? release.Task : Task.CompletedTask;
        var slowMessages = await QueueAsync(harness, Enumerable.Range(0, 8).Select(i => TestMessages.Sms(slow, $"s{i}")).ToArray());
        var fastMessages = await QueueAsync(harness, Enumerable.Range(0, 6).Select(i => TestMessages.Sms(fast, $"f{i}")).ToArray());

        var round = Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                foreach (var message in fastMessages)
                {
                    if ((await LoadAsync(harness, message.Id)).Status != MessageStatus.Sent)
                    {
                        return false;
                    }
                }

                return true;
            }, TimeSpan.FromSeconds(20), "the fast tenant's messages are sent while the slow tenant's provider holds its calls");
            _sender.Calls.Count(call => call.TenantId == slow).ShouldBe(2, "the slow tenant holds no more than its share of the slots");
        }
        finally
        {
            release.SetResult();
        }

        (await round).ShouldBe(14);
        foreach (var message in slowMessages)
        {
            (await LoadAsync(harness, message.Id)).Status.ShouldBe(MessageStatus.Sent);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheClaim_IsRenewedWhileASendRuns_SoNoOtherDispatcherSendsTheMessageAgain(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider,
            ("HighThroughput:Dispatch:ClaimTimeout", "00:00:01"),
            ("HighThroughput:CircuitBreaker:TimeoutDuration", "00:00:00.500"),
            ("HighThroughput:CircuitBreaker:RetryAttempts", "0"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sender.Before = _ => release.Task;
        var message = (await QueueAsync(harness, TestMessages.Sms(Guid.NewGuid()))).Single();

        var round = Dispatcher(harness).DispatchOnceAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(_sender.Calls.Count == 1), TimeSpan.FromSeconds(10), "the provider is called");
            var firstLease = await ClaimedUntilAsync(harness, message.Id);
            await Eventually.TrueAsync(async () => DateTime.UtcNow > firstLease && await ClaimedUntilAsync(harness, message.Id) > DateTime.UtcNow,
                TimeSpan.FromSeconds(10), "the lease is extended past its first expiry while the call runs");
            (await Dispatcher(harness).DispatchOnceAsync(CancellationToken.None)).ShouldBe(0, "another dispatcher finds the message held");
        }
        finally
        {
            release.SetResult();
        }

        (await round).ShouldBe(1);
        (await LoadAsync(harness, message.Id)).Status.ShouldBe(MessageStatus.Sent);
        _sender.Calls.Count.ShouldBe(1);
    }

    private static Task<DateTime> ClaimedUntilAsync(GroupCommitHarness harness, Guid id) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages.IgnoreQueryFilters()
            .Where(m => m.Id == id)
            .Select(m => EF.Property<DateTime?>(m, MessagesDbProperties.DispatchClaimedUntil) ?? DateTime.MinValue)
            .SingleAsync());

    private Task<GroupCommitHarness> StartAsync(DatabaseProvider provider, params (string Key, string Value)[] settings) =>
        GroupCommitHarness.StartAsync(
            settings.ToDictionary(s => s.Key, s => (string?)s.Value),
            services => services
                .AddSingleton<IMessageSender>(_sender)
                .AddSingleton<IProviderEndpointResolver>(new SingleProviderResolver(_sender.Provider))
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(_circuits),
            provider);

    private static MessageDispatcher Dispatcher(GroupCommitHarness harness) => harness.Services.GetRequiredService<MessageDispatcher>();
}
