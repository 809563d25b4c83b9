using System.Net;
using System.Net.Http.Json;
using Messaging.ProviderEmulator;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The whole delivery path on the real host against the provider emulator on loopback: a failing provider opens the
/// tenant's circuit, messages wait in Queued without failing, a half-open probe closes it again, and every message
/// reaches the provider exactly once, also when the worker is killed mid-send and restarted.
/// </summary>
public class DeliveryResilienceTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "emulator-auth-token";
    private const int Messages = 12;

    [Fact]
    public async Task CircuitGoesClosedOpenHalfOpenClosed_AndEveryMessageIsSentOnce()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { SmsAccountSid = AccountSid, SmsAuthToken = AuthToken });
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, Settings());
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        await ConfigureSmsAsync(tenant, emulator);
        emulator.FailWith(503);

        var ids = await SendAsync(tenant, Messages);

        await Eventually.TrueAsync(async () => await CircuitStateAsync(tenant) == "Open", TimeSpan.FromSeconds(30), "the circuit opens");
        var whileOpen = await StatusesAsync(tenant, ids);
        whileOpen.ShouldNotContain("Failed");
        whileOpen.ShouldNotContain("Sent");
        var probesBefore = await ProbesAsync(host);
        var deferredBefore = await DeferredByOpenCircuitAsync(host);
        var callsBefore = emulator.Received(EmulatorServer.Sms).Count;
        await Eventually.TrueAsync(async () => await DeferredByOpenCircuitAsync(host) - deferredBefore
                + (emulator.Received(EmulatorServer.Sms).Count - callsBefore) >= Messages,
            TimeSpan.FromSeconds(30), "the dispatcher came back to every message, calling or deferring it");
        var calls = emulator.Received(EmulatorServer.Sms).Count - callsBefore;
        var probes = await ProbesAsync(host) - probesBefore;
        // One more than the probes counted: a probe let through just before they were first read.
        calls.ShouldBeLessThanOrEqualTo((int)probes + 1, "an open circuit stops the calls, its probes aside");

        emulator.Reset();
        await Eventually.TrueAsync(async () => (await StatusesAsync(tenant, ids)).All(status => status == "Sent"), TimeSpan.FromSeconds(60),
            "every message is sent once the probe succeeds");
        (await CircuitStateAsync(tenant)).ShouldBe("Closed");
        ShouldHaveBeenTakenOnceEach(emulator, ids);
    }

    [Fact]
    public async Task WorkerKilledMidSend_AfterRestart_EveryMessageIsSentAndNoneTwice()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { SmsAccountSid = AccountSid, SmsAuthToken = AuthToken });
        using var database = new TestDatabase();
        var settings = Settings();
        settings["HighThroughput__Dispatch__ClaimTimeout"] = "00:00:03";
        settings["HighThroughput__CircuitBreaker__TimeoutDuration"] = "00:00:03";
        var host = await HostProcess.StartAsync(database.File, settings);
        await host.RaiseDemoTenantLimitsAsync();
        List<Guid> ids;
        using (var tenant = host.Client(HostProcess.DemoTenantKey))
        {
            await ConfigureSmsAsync(tenant, emulator);
            emulator.SlowDown(TimeSpan.FromSeconds(2));
            ids = await SendAsync(tenant, Messages);
            await Eventually.TrueAsync(async () => (await StatusesAsync(tenant, ids)).Contains("Sending"), TimeSpan.FromSeconds(20), "messages are in Sending");
        }

        host.Kill();
        await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await host.DisposeAsync();
        emulator.Reset();

        await using var restarted = await HostProcess.StartAsync(database.File, settings);
        using var again = restarted.Client(HostProcess.DemoTenantKey);
        await Eventually.TrueAsync(async () => (await StatusesAsync(again, ids)).All(status => status == "Sent"), TimeSpan.FromSeconds(60),
            "every message is sent after the restart");
        ShouldHaveBeenTakenOnceEach(emulator, ids);
        foreach (var id in ids)
        {
            using var response = await again.GetAsync($"api/app/message/{id}/status");
            var status = await response.JsonAsync(HttpStatusCode.OK);
            var providerId = status["providerMessageId"]!.GetValue<string>();
            emulator.Received(EmulatorServer.Sms).Where(r => r.IdempotencyKey == id.ToString() && r.Status is >= 200 and < 300)
                .ShouldAllBe(r => r.ProviderMessageId == providerId, "every answer for the message named the same provider id");
        }
    }

    [Fact]
    public async Task OneTenantsProviderAnsweringOversizedAndDuplicateIds_OnPostgreSql_NeitherStallsAnotherTenant_NorIsSentTwice()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { SmsAccountSid = AccountSid, SmsAuthToken = AuthToken });
        await using var misbehaving = new LoopbackHttpServer(HttpStatusCode.Created)
        {
            // Every other answer names a sid of 302 characters (the column holds 128); the rest all name the same one.
            JsonBody = position => position % 2 == 0 ? $$"""{"sid":"SM{{new string('x', 298)}}{{position:D2}}"}""" : """{"sid":"SM-the-same-every-time"}"""
        };
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var settings = Settings();
        settings["Database__Provider"] = "PostgreSql";
        settings["ConnectionStrings__Default"] = database.ConnectionString;
        settings["HighThroughput__Dispatch__ClaimTimeout"] = "00:00:05";
        settings["HighThroughput__CircuitBreaker__TimeoutDuration"] = "00:00:05";
        await using var host = await HostProcess.StartAsync(null, settings);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (misbehavingId, misbehavingKey) = await admin.CreateTenantAsync();
        var (wellBehavedId, wellBehavedKey) = await admin.CreateTenantAsync();
        foreach (var tenantId in new[] { misbehavingId, wellBehavedId })
        {
            // The test polls statuses until the messages are sent: that must not run into the tenant's rate limit.
            await admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 1_000_000, burstLimit: 100_000, concurrentRequests: 10_000);
        }

        using var tenantA = host.Client(misbehavingKey);
        using var tenantB = host.Client(wellBehavedKey);
        await ConfigureSmsAsync(tenantA, misbehaving.Url(""));
        await ConfigureSmsAsync(tenantB, emulator.BaseAddress);

        var idsA = await SendAsync(tenantA, 5);
        var idsB = await SendAsync(tenantB, 5);

        await Eventually.TrueAsync(async () => (await StatusesAsync(tenantA, idsA)).Concat(await StatusesAsync(tenantB, idsB)).All(status => status == "Sent"),
            TimeSpan.FromSeconds(60), "every message of both tenants is sent");
        ShouldHaveBeenTakenOnceEach(emulator, idsB);
        emulator.Received(EmulatorServer.Sms).Count.ShouldBe(idsB.Count, "the well-behaved provider heard of each message once");
        misbehaving.Received.Count.ShouldBe(idsA.Count, "the misbehaving provider heard of each message once");
    }

    private static void ShouldHaveBeenTakenOnceEach(EmulatorServer emulator, IReadOnlyCollection<Guid> ids)
    {
        var taken = emulator.Received(EmulatorServer.Sms).Where(r => r.Accepted).Select(r => r.IdempotencyKey).ToList();
        taken.Count.ShouldBe(ids.Count, "each message was taken by the provider exactly once");
        taken.ShouldBe(ids.Select(id => id.ToString()), ignoreOrder: true);
    }

    private static Dictionary<string, string> Settings() => new()
    {
        ["Delivery__AllowPrivateNetworks"] = "true",
        ["Delivery__FallbackProvider"] = "",
        ["HighThroughput__CircuitBreaker__FailureThreshold"] = "3",
        ["HighThroughput__CircuitBreaker__RecoveryTimeout"] = "00:00:02",
        ["HighThroughput__CircuitBreaker__HalfOpenRetryInterval"] = "00:00:00.500",
        ["HighThroughput__CircuitBreaker__RetryAttempts"] = "0",
        ["HighThroughput__Dispatch__MaxAttempts"] = "100",
        ["HighThroughput__Dispatch__RetryBaseDelay"] = "00:00:00.100",
        ["HighThroughput__Dispatch__RetryMaxDelay"] = "00:00:00.300",
        ["HighThroughput__Dispatch__PollInterval"] = "00:00:00.200"
    };

    private static Task ConfigureSmsAsync(HttpClient tenant, EmulatorServer emulator) => ConfigureSmsAsync(tenant, emulator.BaseAddress);

    private static async Task ConfigureSmsAsync(HttpClient tenant, Uri baseUrl)
    {
        using var response = await tenant.PutAsJsonAsync("api/app/message-provider/configurations/Sms", new
        {
            provider = "sms",
            baseUrl = baseUrl.ToString(),
            senderId = "+14155550100",
            credential = $"{AccountSid}:{AuthToken}"
        });
        await response.JsonAsync(HttpStatusCode.OK);
    }

    private static async Task<List<Guid>> SendAsync(HttpClient tenant, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await tenant.SendAcceptedAsync(Api.Sms($"delivery {i}")));
        }

        return ids;
    }

    private static async Task<string?> CircuitStateAsync(HttpClient tenant)
    {
        using var response = await tenant.GetAsync("api/app/message-provider/circuits");
        var circuits = await response.JsonArrayAsync();
        return circuits.FirstOrDefault(c => c!["provider"]!.GetValue<string>() == "sms")?["state"]!.GetValue<string>();
    }

    private static Task<double> DeferredByOpenCircuitAsync(HostProcess host) =>
        host.MetricAsync("messaging_dispatch_deferred", "reason=\"circuit_open\"");

    /// <summary>How often the SMS circuit let a probe through: each probe takes it from Open to HalfOpen.</summary>
    private static Task<double> ProbesAsync(HostProcess host) =>
        host.MetricAsync("messaging_circuits_transitions", "provider=\"sms\"", "to=\"HalfOpen\"");

    private static async Task<List<string>> StatusesAsync(HttpClient tenant, IEnumerable<Guid> ids)
    {
        var statuses = new List<string>();
        foreach (var id in ids)
        {
            using var response = await tenant.GetAsync($"api/app/message/{id}/status");
            statuses.Add((await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        }

        return statuses;
    }
}
