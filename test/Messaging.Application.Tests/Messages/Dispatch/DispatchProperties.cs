using System.Collections.Concurrent;
using CsCheck;
using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// Whatever the providers of several tenants answer (well-formed or not, oversized, duplicated, slow, throwing), two
/// dispatchers running side by side never send a message the provider took again, never call a provider for a message
/// more often than its attempts allow, and leave every message Sent or Failed in the end, never in Sending.
/// </summary>
public class DispatchProperties
{
    private const int MaxAttempts = 3;

    public enum Answer
    {
        Sent,
        SentWithOversizedId,
        SentWithTheSameIdAsOthers,
        SentWithControlCharactersInId,
        SentSlowly,
        Permanent,
        PermanentWithGarbage,
        Transient,
        TransientWithGarbage,
        Throttled,
        Throws
    }

    private static readonly Gen<Answer[]> Script = Gen.Enum<Answer>().Array[0, 5];

    /// <summary>Up to eight messages of up to three tenants, each with the answers its provider gives in turn (then Sent).</summary>
    private static readonly Gen<(int Tenant, Answer[] Script)[]> Messages = Gen.Select(Gen.Int[0, 2], Script).Array[1, 8];

    private static bool Accepts(Answer answer) => answer is Answer.Sent or Answer.SentWithOversizedId or Answer.SentWithTheSameIdAsOthers
        or Answer.SentWithControlCharactersInId or Answer.SentSlowly;

    private readonly ScriptedSender _sender = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<Answer>> _scripts = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<Answer>> _given = new();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 25)]
    [InlineData(DatabaseProvider.PostgreSql, 10)]
    public async Task NoAnswerSequence_SendsAMessageTwice_OrBeyondItsAttempts_OrLeavesItInSending(DatabaseProvider provider, int iterations)
    {
        var circuits = Substitute.For<ICircuitBreaker>();
        circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);
        _sender.Before = async message =>
        {
            if (Peek(message.MessageId) == Answer.SentSlowly)
            {
                await Task.Delay(20);
            }
        };
        _sender.Answer = Give;
        await using var harness = await GroupCommitHarness.StartAsync(
            new Dictionary<string, string?>
            {
                ["HighThroughput:Dispatch:MaxAttempts"] = MaxAttempts.ToString(),
                ["HighThroughput:Dispatch:BatchSize"] = "5",
                ["HighThroughput:Dispatch:MaxConcurrentSendsPerTenantProvider"] = "2",
                ["HighThroughput:Dispatch:RetryBaseDelay"] = "00:00:00.001",
                ["HighThroughput:Dispatch:RetryMaxDelay"] = "00:00:00.005"
            },
            services => services
                .AddSingleton<IMessageSender>(_sender)
                .AddSingleton<IProviderEndpointResolver>(new SingleProviderResolver(_sender.Provider))
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(circuits),
            provider);
        var dispatcher = harness.Services.GetRequiredService<MessageDispatcher>();
        await harness.StartRelayAsync();

        await Messages.SampleAsync(async sample =>
        {
            var tenants = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
            var messages = sample.Select((planned, index) => TestMessages.Sms(tenants[planned.Tenant], $"m{index}")).ToArray();
            for (var index = 0; index < messages.Length; index++)
            {
                _scripts[messages[index].Id] = new ConcurrentQueue<Answer>(sample[index].Script);
                _given[messages[index].Id] = new ConcurrentQueue<Answer>();
            }

            foreach (var message in messages)
            {
                await harness.IngestAsync(message);
            }

            var ids = messages.Select(m => m.Id).ToList();
            await Eventually.TrueAsync(async () =>
            {
                await Task.WhenAll(dispatcher.DispatchOnceAsync(CancellationToken.None), dispatcher.DispatchOnceAsync(CancellationToken.None));
                return await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages.IgnoreQueryFilters()
                    .AllAsync(m => !ids.Contains(m.Id) || m.Status == MessageStatus.Sent || m.Status == MessageStatus.Failed));
            }, TimeSpan.FromSeconds(60), "every message ends Sent or Failed");

            foreach (var message in messages)
            {
                var given = _given[message.Id].ToList();
                var stored = await MessageDispatcherTests.LoadAsync(harness, message.Id);
                given.Count(Accepts).ShouldBeLessThanOrEqualTo(1, "a message the provider took is never sent again");
                given.Count(answer => answer != Answer.Throttled).ShouldBeLessThanOrEqualTo(MaxAttempts, "calls beyond the attempts");
                if (given.Any(Accepts))
                {
                    stored.Status.ShouldBe(MessageStatus.Sent, "the provider took it");
                }
            }
        }, iter: iterations, threads: 1);
    }

    private Answer Peek(Guid messageId) => _scripts[messageId].TryPeek(out var next) ? next : Answer.Sent;

    private SendResult Give(OutgoingMessage message)
    {
        var answer = _scripts[message.MessageId].TryDequeue(out var next) ? next : Answer.Sent;
        _given[message.MessageId].Enqueue(answer);
        return answer switch
        {
            Answer.Sent or Answer.SentSlowly => SendResult.Sent($"SM{message.MessageId:N}"),
            Answer.SentWithOversizedId => SendResult.Sent(new string('S', 300) + message.MessageId.ToString("N")),
            Answer.SentWithTheSameIdAsOthers => SendResult.Sent("SM-same-for-all"),
            Answer.SentWithControlCharactersInId => SendResult.Sent($"SM\0{message.MessageId:N}\u001b"),
            Answer.Permanent => SendResult.Permanent("21211", "invalid number"),
            Answer.PermanentWithGarbage => SendResult.Permanent("\0" + new string('c', 500), "\uDC00bad\0" + new string('x', 10_000)),
            Answer.Transient => SendResult.Transient("503", "unavailable"),
            Answer.TransientWithGarbage => SendResult.Transient(new string('\u0001', 200), new string('\0', 1_000)),
            Answer.Throttled => SendResult.Throttled("429", "slow down", null),
            _ => throw new InvalidOperationException("the sender broke\0")
        };
    }
}
