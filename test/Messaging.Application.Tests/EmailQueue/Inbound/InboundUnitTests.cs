using System.Text;
using Messaging.Security;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.EmailQueue.Inbound;

public class StandardWebhookSignatureTests
{
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    private static readonly byte[] Key = InboundWorkerSecret.KeyOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    [Fact]
    public void SignsAsTheStandardWebhooksReference()
    {
        WebhookSignature.SignStandard(Key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Body)
            .ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void Verifies_AnyOfSeveralSignatures_WithinTheTolerance()
    {
        var signature = WebhookSignature.SignStandard(Key, "msg_1", SignedAt.ToUnixTimeSeconds(), Body);

        WebhookSignature.VerifyStandard(Key, "msg_1", "1614265330", $"v1,b3RoZXI= {signature}", Body, SignedAt.AddMinutes(4))
            .ShouldBe(WebhookSignatureCheck.Valid);
        WebhookSignature.VerifyStandard(Key, "msg_1", "1614265330", signature, Body, SignedAt.AddMinutes(6))
            .ShouldBe(WebhookSignatureCheck.TimestampOutOfTolerance);
        WebhookSignature.VerifyStandard(Key, "msg_2", "1614265330", signature, Body, SignedAt).ShouldBe(WebhookSignatureCheck.Mismatch);
        WebhookSignature.VerifyStandard(Key, "msg_1", "1614265330", signature, Encoding.UTF8.GetBytes("{}"), SignedAt).ShouldBe(WebhookSignatureCheck.Mismatch);
        WebhookSignature.VerifyStandard(Key, null, "1614265330", signature, Body, SignedAt).ShouldBe(WebhookSignatureCheck.MissingHeaders);
        WebhookSignature.VerifyStandard(Key, "msg_1", "soon", signature, Body, SignedAt).ShouldBe(WebhookSignatureCheck.MissingHeaders);
    }
}

public class EmailRuleMatchingTests
{
    private static readonly InboundEmailFacts Email = new("Promo@Deals.Example", "me@tenant.example", "WIN a prize today",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Campaign"] = "spring" });

    [Theory]
    [InlineData(EmailRuleField.Sender, EmailRuleMatchType.Exact, "promo@deals.example", true)]
    [InlineData(EmailRuleField.Sender, EmailRuleMatchType.Glob, "*@deals.*", true)]
    [InlineData(EmailRuleField.Sender, EmailRuleMatchType.Glob, "*@deals", false)]
    [InlineData(EmailRuleField.Subject, EmailRuleMatchType.Contains, "a PRIZE", true)]
    [InlineData(EmailRuleField.Subject, EmailRuleMatchType.Regex, "^win\\b", true)]
    [InlineData(EmailRuleField.Recipient, EmailRuleMatchType.Exact, "you@tenant.example", false)]
    [InlineData(EmailRuleField.Header, EmailRuleMatchType.Exact, "SPRING", true)]
    public void MatchesItsFieldWithoutCase(EmailRuleField field, EmailRuleMatchType matchType, string pattern, bool matches)
    {
        var rule = InboundFakes.Rule(Guid.NewGuid(), EmailRuleKind.Filter, field, matchType, pattern, InboundEmailAction.Delete, 0);

        CompiledEmailRule.Compile(rule, TimeSpan.FromSeconds(1)).Matches(Email, DateTime.UtcNow).ShouldBe(matches);
    }

    [Fact]
    public void TheFirstMatchingFilterInOrderDecides_WatchRulesNever_AndWithoutAMatchTheWorkersDefault()
    {
        var tenant = Guid.NewGuid();
        var watch = InboundFakes.Rule(tenant, EmailRuleKind.Watch, EmailRuleField.Subject, EmailRuleMatchType.Contains, "win", InboundEmailAction.Drop, -5);
        var later = InboundFakes.Rule(tenant, EmailRuleKind.Filter, EmailRuleField.Subject, EmailRuleMatchType.Contains, "prize", InboundEmailAction.Drop, 7);
        var first = InboundFakes.Rule(tenant, EmailRuleKind.Filter, EmailRuleField.Subject, EmailRuleMatchType.Contains, "win", InboundEmailAction.Delete, 3);
        var set = new InboundRuleSet(Guid.NewGuid(), tenant, true, [1], InboundEmailAction.Forward, "archive@tenant.example",
            new[] { watch, later, first }.Select(r => CompiledEmailRule.Compile(r, TimeSpan.FromSeconds(1))).ToList());

        set.Decide(Email, DateTime.UtcNow).ShouldBe(new InboundDecision(InboundEmailAction.Delete, first.Id, null));
        set.WatchHits(Email, DateTime.UtcNow).ShouldBe([watch.Id]);
        set.Decide(Email with { Subject = "hello" }, DateTime.UtcNow).ShouldBe(new InboundDecision(InboundEmailAction.Forward, null, "archive@tenant.example"));
    }

    [Fact]
    public void AnInvalidRegularExpression_IsFoundBeforeItIsStored()
    {
        CompiledEmailRule.FindPatternError(EmailRuleMatchType.Regex, "([a-z]", TimeSpan.FromSeconds(1)).ShouldNotBeNull();
        CompiledEmailRule.FindPatternError(EmailRuleMatchType.Glob, "([a-z]", TimeSpan.FromSeconds(1)).ShouldBeNull();
    }
}

public class RuleCacheTests
{
    [Fact]
    public async Task ConcurrentMisses_ShareOneLoad()
    {
        var cache = new RuleCache<int, object>(new FakeTimeProvider(), () => TimeSpan.FromMinutes(1), () => 10);
        var release = new TaskCompletionSource();
        var loads = 0;

        var waiting = Enumerable.Range(0, 50).Select(_ => cache.GetOrLoadAsync(1, async (_, _) =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return new object();
        }, CancellationToken.None)).ToList();
        release.SetResult();
        var values = await Task.WhenAll(waiting);

        loads.ShouldBe(1);
        values.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task AboveItsMaximum_TheLeastRecentlyUsedIsEvicted()
    {
        var cache = new RuleCache<int, string>(new FakeTimeProvider(), () => TimeSpan.FromMinutes(1), () => 2);
        Task<string?> Load(int key, CancellationToken _) => Task.FromResult<string?>($"rules {key}");

        await cache.GetOrLoadAsync(1, Load, CancellationToken.None);
        await cache.GetOrLoadAsync(2, Load, CancellationToken.None);
        await cache.GetOrLoadAsync(1, Load, CancellationToken.None);
        await cache.GetOrLoadAsync(3, Load, CancellationToken.None);

        cache.Count.ShouldBe(2);
        cache.Evictions.ShouldBe(1);
        (cache.Hits, cache.Misses).ShouldBe((1L, 3L));
        await cache.GetOrLoadAsync(1, Load, CancellationToken.None);
        cache.Hits.ShouldBe(2);
    }

    [Fact]
    public async Task ALoadThatStartedBeforeAnInvalidation_IsNotCached()
    {
        var cache = new RuleCache<int, object>(new FakeTimeProvider(), () => TimeSpan.FromMinutes(1), () => 10);
        var release = new TaskCompletionSource();
        var stale = cache.GetOrLoadAsync(1, async (_, _) =>
        {
            await release.Task;
            return new object();
        }, CancellationToken.None);

        cache.Invalidate(1);
        release.SetResult();
        await stale;

        cache.Count.ShouldBe(0);
    }
}

public class InboundTaskProcessorTests
{
    [Fact]
    public async Task AboveMaxQueueSize_TheOldestEmailsTasksAreDroppedAndCounted()
    {
        await using var fakes = new InboundFakes(settings: new Dictionary<string, string?> { ["EmailQueue:Inbound:MaxQueueSize"] = "12" });

        for (var i = 0; i < 5; i++)
        {
            (await fakes.ReceiveAsync($"msg_{i}", """{"from":"a@example.com","to":"b@example.com","subject":"hi"}""")).AfterAnswer!();
        }

        var status = fakes.Processor.Status();
        status.Queued.ShouldBe(12);
        status.Dropped.ShouldBe(18);
        await fakes.Processor.FlushAsync(CancellationToken.None);
        fakes.Writer.Counted.Select(c => c.EmailId).ShouldBe(fakes.Store.Emails.Where(e => e.WebhookId is "msg_3" or "msg_4").Select(e => e.Id),
            ignoreOrder: true);
    }

    [Fact]
    public async Task ARepeatedWebhookId_GetsTheFirstAnswer_WithoutNewWork()
    {
        await using var fakes = new InboundFakes();
        fakes.Source.Rules = [InboundFakes.Rule(fakes.TenantId, EmailRuleKind.Filter, EmailRuleField.Subject, EmailRuleMatchType.Exact, "spam", InboundEmailAction.Delete, 0)];

        var first = await fakes.ReceiveAsync("msg_1", """{"from":"a@example.com","to":"b@example.com","subject":"spam"}""");
        var again = await fakes.ReceiveAsync("msg_1", """{"from":"a@example.com","to":"b@example.com","subject":"other"}""");

        again.Decision.ShouldBe(first.Decision);
        again.AfterAnswer.ShouldBeNull();
    }
}
