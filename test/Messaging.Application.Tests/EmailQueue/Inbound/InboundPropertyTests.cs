using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.EmailQueue.Inbound;

/// <summary>The seed's properties 2 to 5, over generated emails, rules, batches and failures.</summary>
public class InboundPropertyTests
{
    private static readonly string[] Senders = ["news@shop.example", "ada@example.com", "promo@deals.example", "bob@example.org"];
    private static readonly string[] Subjects = ["Weekly deals", "Your invoice", "WIN A PRIZE", "Re: lunch", ""];

    private static readonly Gen<(string WebhookId, string Body)> Email =
        Gen.Select(Gen.Int[0, 40], OneOf(Senders), OneOf(Subjects), OneOf(["a", "b", "none"]))
            .Select((id, from, subject, campaign) => ($"msg_{id}", JsonSerializer.Serialize(new
            {
                from,
                to = "inbox@tenant.example",
                subject,
                headers = campaign == "none" ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Campaign"] = campaign }
            })));

    private static Gen<string> OneOf(string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static IReadOnlyList<EmailRule> Rules(Guid tenantId) =>
    [
        InboundFakes.Rule(tenantId, EmailRuleKind.Filter, EmailRuleField.Subject, EmailRuleMatchType.Regex, "^win", InboundEmailAction.Delete, 1),
        InboundFakes.Rule(tenantId, EmailRuleKind.Filter, EmailRuleField.Sender, EmailRuleMatchType.Glob, "*@deals.example", InboundEmailAction.Drop, 2),
        InboundFakes.Rule(tenantId, EmailRuleKind.Filter, EmailRuleField.Header, EmailRuleMatchType.Exact, "a", InboundEmailAction.Tag, 3),
        InboundFakes.Rule(tenantId, EmailRuleKind.Watch, EmailRuleField.Subject, EmailRuleMatchType.Contains, "invoice", InboundEmailAction.Tag, 0)
    ];

    /// <summary>Property 2: every email phase 1 answered (and only those, once per webhook-id) has all its tasks queued after the answer.</summary>
    [Fact]
    public void EveryAnsweredEmail_EnqueuesAllOfItsPhase2Tasks_AfterTheAnswer()
    {
        Email.Array[1, 30].Sample(emails =>
        {
            var fakes = new InboundFakes(settings: new Dictionary<string, string?> { ["EmailQueue:Inbound:MaxQueueSize"] = "100000" });
            fakes.Source.Rules = Rules(fakes.TenantId);
            foreach (var (webhookId, body) in emails)
            {
                var queuedBefore = fakes.Processor.Status().Queued;
                var answer = fakes.ReceiveAsync(webhookId, body).GetAwaiter().GetResult();
                if (fakes.Processor.Status().Queued != queuedBefore)
                {
                    return false;
                }

                answer.AfterAnswer?.Invoke();
            }

            var distinct = emails.Select(e => e.WebhookId).Distinct().Count();
            return fakes.Processor.Status().Queued == distinct * InboundWorkItem.Tasks.Count && fakes.Store.Emails.Count == distinct;
        }, iter: 200);
    }

    /// <summary>Property 3: a cached value comes back unchanged, loaded once, until its TTL passes or it is invalidated.</summary>
    [Fact]
    public void CachedRules_ComeBackUnchanged_UntilTtlOrInvalidation()
    {
        var steps = Gen.Frequency(
            (6, Gen.Int[0, 4].Select(key => (Op: "get", Key: key, Seconds: 0))),
            (2, Gen.Int[1, 40].Select(seconds => (Op: "wait", Key: 0, Seconds: seconds))),
            (1, Gen.Int[0, 4].Select(key => (Op: "invalidate", Key: key, Seconds: 0))));
        steps.Array[1, 60].Sample(sequence =>
        {
            var clock = new FakeTimeProvider();
            var loads = 0;
            var cache = new RuleCache<int, object>(clock, () => TimeSpan.FromSeconds(60), () => 100);
            var model = new Dictionary<int, (object Value, DateTimeOffset Until)>();
            foreach (var (op, key, seconds) in sequence)
            {
                switch (op)
                {
                    case "wait":
                        clock.Advance(TimeSpan.FromSeconds(seconds));
                        break;
                    case "invalidate":
                        cache.Invalidate(key);
                        model.Remove(key);
                        break;
                    default:
                        var loadsBefore = loads;
                        var value = cache.GetOrLoadAsync(key, (_, _) => { loads++; return Task.FromResult<object?>(new object()); }, CancellationToken.None)
                            .GetAwaiter().GetResult()!;
                        if (model.TryGetValue(key, out var cached) && cached.Until > clock.GetUtcNow())
                        {
                            if (!ReferenceEquals(value, cached.Value) || loads != loadsBefore)
                            {
                                return false;
                            }
                        }
                        else
                        {
                            if (loads != loadsBefore + 1)
                            {
                                return false;
                            }

                            model[key] = (value, clock.GetUtcNow() + TimeSpan.FromSeconds(60));
                        }

                        break;
                }
            }

            return true;
        }, iter: 500);
    }

    /// <summary>Property 4: every task of every batch is either processed or counted (and logged) as failed; none vanishes.</summary>
    [Fact]
    public void EveryTaskOfABatch_SucceedsOrIsCountedAsFailed()
    {
        Gen.Select(Email.Array[1, 40], Gen.Int[0, 3], Gen.Int[1, 60]).Sample((emails, failEvery, batchSize) =>
        {
            var fakes = new InboundFakes(settings: new Dictionary<string, string?>
            {
                ["EmailQueue:Inbound:MaxQueueSize"] = "100000",
                ["EmailQueue:Inbound:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["EmailQueue:Inbound:MaxBatchAttempts"] = "1"
            });
            var batch = 0;
            fakes.Writer.Fails = _ => failEvery > 0 && Interlocked.Increment(ref batch) % failEvery == 0;
            foreach (var (webhookId, body) in emails)
            {
                fakes.ReceiveAsync(webhookId, body).GetAwaiter().GetResult().AfterAnswer?.Invoke();
            }

            var queued = fakes.Processor.Status().Queued;
            fakes.Processor.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            var status = fakes.Processor.Status();
            return status.Queued == 0 && status.Processed + status.Failed == queued
                && fakes.Writer.Counted.Count * InboundWorkItem.Tasks.Count == status.Processed;
        }, iter: 200);
    }

    /// <summary>Property 5: whatever phase 2 does (fail, in either mode), phase 1 answers the same.</summary>
    [Fact]
    public void APhase2Failure_NeverChangesThePhase1Answer()
    {
        Gen.Select(Email.Array[1, 20], Gen.Bool).Sample((emails, direct) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["EmailQueue:Inbound:Phase2Mode"] = direct ? "Direct" : "Batched",
                ["EmailQueue:Inbound:MaxBatchAttempts"] = "1"
            };
            var working = new InboundFakes(settings: settings);
            var failing = new InboundFakes(settings: settings);
            failing.Writer.Fails = _ => true;
            var rules = Rules(working.TenantId);
            working.Source.Rules = rules;
            failing.Source.Rules = rules;
            foreach (var (webhookId, body) in emails)
            {
                var expected = working.ReceiveAsync(webhookId, body).GetAwaiter().GetResult();
                var actual = failing.ReceiveAsync(webhookId, body).GetAwaiter().GetResult();
                actual.AfterAnswer?.Invoke();
                failing.Processor.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
                if (expected.Decision != actual.Decision)
                {
                    return false;
                }
            }

            return true;
        }, iter: 100);
    }
}
