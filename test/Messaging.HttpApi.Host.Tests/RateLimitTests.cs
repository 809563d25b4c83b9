using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Per-tier limits on the real host: headers on every tenant answer, 429 problems past a limit, overrides.</summary>
[Collection(SharedHostCollection.Name)]
public class RateLimitTests(SharedHost shared)
{
    private readonly HttpClient _admin = shared.Host.Client(HostProcess.HostAdminKey);

    [Fact]
    public async Task AdmittedAnswers_CarryTheTiersWindow()
    {
        var (_, apiKey) = await _admin.CreateTenantAsync("Basic");
        using var tenant = shared.Host.Client(apiKey);

        using var sent = await tenant.SendAsync(Api.Sms());
        using var invalid = await tenant.SendAsync(new { channel = "Sms" });

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        Header(sent, "RateLimit-Limit").ShouldBe(100);
        Header(sent, "RateLimit-Remaining").ShouldBe(99);
        Header(sent, "RateLimit-Reset").ShouldBeInRange(1, 60);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Header(invalid, "RateLimit-Remaining").ShouldBe(98);
    }

    [Fact]
    public async Task PastTheWindow_Answers429ProblemWithRetryAfterAndHeaders_AndCountsIt()
    {
        var (tenantId, apiKey) = await _admin.CreateTenantAsync("Basic");
        var limits = await _admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 3);
        using var tenant = shared.Host.Client(apiKey);

        var remaining = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var admitted = await tenant.SendAsync(Api.Sms($"within the limit {i}"));
            admitted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            remaining.Add(Header(admitted, "RateLimit-Remaining"));
        }

        using var refused = await tenant.SendAsync(Api.Sms("one too many"));
        using var statusRead = await tenant.GetAsync($"api/app/message/{Guid.CreateVersion7()}/status");

        limits["requestsPerMinute"]!.GetValue<int>().ShouldBe(3);
        limits["burstLimit"]!.GetValue<int>().ShouldBe(20);
        remaining.ShouldBe([2, 1, 0]);
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:RateLimitExceeded");
        problem["limit"]!.GetValue<string>().ShouldBe("window");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        Header(refused, "RateLimit-Limit").ShouldBe(3);
        Header(refused, "RateLimit-Remaining").ShouldBe(0);
        Header(refused, "RateLimit-Reset").ShouldBe((int)refused.Headers.RetryAfter.Delta.Value.TotalSeconds);
        await statusRead.ProblemAsync(HttpStatusCode.TooManyRequests);
        var metrics = await shared.Host.Client().GetStringAsync("metrics");
        metrics.ShouldContain("messaging_ratelimiting_rejections{limit=\"window\",tier=\"Basic\"}");
    }

    [Fact]
    public async Task SendMany_CountsItsMessages_NotTheRequest_AllOrNone()
    {
        var (tenantId, apiKey) = await _admin.CreateTenantAsync("Basic");
        await _admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 30, burstLimit: 100);
        using var tenant = shared.Host.Client(apiKey);

        using var eight = await tenant.SendManyAsync(Batch(8));
        using var twentyThree = await tenant.SendManyAsync(Batch(23));
        using var thirtyOne = await tenant.SendManyAsync(Batch(31));
        using var twentyTwo = await tenant.SendManyAsync(Batch(22));
        using var single = await tenant.SendAsync(Api.Sms("one more"));

        (await eight.JsonAsync(HttpStatusCode.OK))["accepted"]!.GetValue<int>().ShouldBe(8);
        Header(eight, "RateLimit-Remaining").ShouldBe(22);
        var refused = await twentyThree.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused["limit"]!.GetValue<string>().ShouldBe("window");
        twentyThree.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        Header(twentyThree, "RateLimit-Remaining").ShouldBe(0);
        var neverAdmissible = await thirtyOne.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        neverAdmissible["code"]!.GetValue<string>().ShouldBe("Messaging:BatchExceedsRateLimit");
        (await twentyTwo.JsonAsync(HttpStatusCode.OK))["accepted"]!.GetValue<int>().ShouldBe(22, "the refused requests counted nothing");
        Header(twentyTwo, "RateLimit-Remaining").ShouldBe(0);
        (await single.ProblemAsync(HttpStatusCode.TooManyRequests))["limit"]!.GetValue<string>().ShouldBe("window");
    }

    /// <summary>Email, which the email queue delivers, not the dispatcher: batches here must not hold up dispatch for the other tests on this host.</summary>
    private static object[] Batch(int count) =>
        Enumerable.Range(0, count).Select(i => (object)new { recipient = "someone@example.com", channel = "Email", content = $"batch item {i}" }).ToArray();

    [Fact]
    public async Task ClearedOverride_GivesTheTiersLimitsBack()
    {
        var (tenantId, apiKey) = await _admin.CreateTenantAsync("Premium");
        await _admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 1);
        using var tenant = shared.Host.Client(apiKey);
        await tenant.SendAcceptedAsync(Api.Sms("the only one"));
        using var whileOverridden = await tenant.SendAsync(Api.Sms("refused"));

        using var cleared = await _admin.DeleteAsync($"api/app/tenant/{tenantId}/rate-limit");
        using var afterClearing = await tenant.SendAsync(Api.Sms("admitted again"));

        whileOverridden.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var limits = await cleared.JsonAsync(HttpStatusCode.OK);
        limits["requestsPerMinute"]!.GetValue<int>().ShouldBe(1_000);
        limits["override"].ShouldBeNull();
        afterClearing.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        Header(afterClearing, "RateLimit-Limit").ShouldBe(1_000);
    }

    [Fact]
    public async Task OneTenantsExhaustedLimit_LeavesOthersAlone()
    {
        var (exhaustedId, exhaustedKey) = await _admin.CreateTenantAsync("Basic");
        var (_, otherKey) = await _admin.CreateTenantAsync("Basic");
        await _admin.OverrideRateLimitAsync(exhaustedId, requestsPerMinute: 1);
        using var exhausted = shared.Host.Client(exhaustedKey);
        using var other = shared.Host.Client(otherKey);
        await exhausted.SendAcceptedAsync(Api.Sms());

        using var refused = await exhausted.SendAsync(Api.Sms());
        using var admitted = await other.SendAsync(Api.Sms());

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        admitted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task HostAdmin_IsNotLimited()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => _admin.GetAsync("api/app/tenant?maxResultCount=1")));

        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.OK && !answer.Headers.Contains("RateLimit-Limit"));
    }

    [Fact]
    public async Task Overrides_AreReadable_AndBadOnesAnswer400Or404()
    {
        var (tenantId, _) = await _admin.CreateTenantAsync("Enterprise");
        await _admin.OverrideRateLimitAsync(tenantId, concurrentRequests: 5);

        using var read = await _admin.GetAsync($"api/app/tenant/{tenantId}/rate-limit");
        using var empty = await _admin.PutAsJsonAsync($"api/app/tenant/{tenantId}/rate-limit", new { });
        using var zero = await _admin.PutAsJsonAsync($"api/app/tenant/{tenantId}/rate-limit", new { burstLimit = 0 });
        using var unknown = await _admin.PutAsJsonAsync($"api/app/tenant/{Guid.NewGuid()}/rate-limit", new { burstLimit = 5 });

        var limits = await read.JsonAsync(HttpStatusCode.OK);
        limits["tier"]!.GetValue<string>().ShouldBe("Enterprise");
        (limits["requestsPerMinute"]!.GetValue<int>(), limits["burstLimit"]!.GetValue<int>(), limits["concurrentRequests"]!.GetValue<int>())
            .ShouldBe((10_000, 2_000, 5));
        limits["override"]!["concurrentRequests"]!.GetValue<int>().ShouldBe(5);
        limits["override"]!["requestsPerMinute"].ShouldBeNull();
        (await empty.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().ShouldNotBeEmpty();
        (await zero.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["burstLimit"].ShouldNotBeNull();
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantKeys_CannotSetOverrides()
    {
        var (tenantId, apiKey) = await _admin.CreateTenantAsync("Basic");
        using var tenant = shared.Host.Client(apiKey);

        using var response = await tenant.PutAsJsonAsync($"api/app/tenant/{tenantId}/rate-limit", new { requestsPerMinute = 1_000_000 });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static int Header(HttpResponseMessage response, string name) => int.Parse(response.Headers.GetValues(name).Single());
}

/// <summary>The concurrency limit: slots are held while requests are answered and come back when they are.</summary>
public class RateLimitConcurrencyTests
{
    [Fact]
    public async Task RequestsInProgress_HoldSlots_TheNextIsRefused_AndSlotsComeBack()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync("Basic");
        await admin.OverrideRateLimitAsync(tenantId, concurrentRequests: 2);
        using var tenant = host.Client(apiKey);
        Task<Guid>[] waiting;

        await using (await database.HoldWriteLockAsync())
        {
            waiting = Enumerable.Range(0, 2).Select(i => tenant.SendAcceptedAsync(Api.Sms($"waits for the commit {i}"))).ToArray();
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 2, TimeSpan.FromSeconds(10), "two sends wait");

            using var third = await tenant.SendAsync(Api.Sms("a third at once"));

            var problem = await third.ProblemAsync(HttpStatusCode.TooManyRequests);
            problem["limit"]!.GetValue<string>().ShouldBe("concurrency");
            third.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            third.Headers.GetValues("RateLimit-Limit").ShouldBe(["2"]);
        }

        (await Task.WhenAll(waiting)).Length.ShouldBe(2);
        var afterwards = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => tenant.SendAcceptedAsync(Api.Sms($"slots are free {i}"))));
        afterwards.Length.ShouldBe(2);
    }
}
