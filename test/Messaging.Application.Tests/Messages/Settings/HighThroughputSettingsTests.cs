using System.Text.Json.Nodes;
using Messaging.CircuitBreaking;
using Messaging.ExceptionHandling;
using Messaging.FlowControl;
using Messaging.RateLimiting;
using Messaging.Settings;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Settings;

public class HighThroughputSettingsTests
{
    [Fact]
    public async Task AValidatorAddedForAnotherSection_ChecksRuntimeChangesToo()
    {
        // What a module adding a section with its own validator does; the settings code knows nothing of it.
        await using var harness = await RuntimeSettingsHarness.StartAsync(configure: services => services
            .AddOptions<HighThroughputOptions>()
            .Validate(options => options.Buffer.BatchSize != 7, "HighThroughput:Buffer:BatchSize may not be 7 here."));
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["buffer"]!["batchSize"] = 7;

        var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
            harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));

        refusal.Errors["HighThroughput:Buffer:BatchSize"].ShouldBe(["HighThroughput:Buffer:BatchSize may not be 7 here."]);
        harness.First.Effective.Buffer.BatchSize.ShouldBe(1000);
    }

    [Fact]
    public async Task AnInvalidDocument_IsRefusedWithEveryProblemAtOnce()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["buffer"]!["batchSize"] = "many";
        document["buffer"]!.AsObject().Remove("retryAfter");
        document["buffer"]!["colour"] = "blue";
        document["memory"] = null;
        document["ingestion"] = new JsonObject { ["mode"] = "NoOp" };

        var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
            harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));

        refusal.Errors.Keys.ShouldBe([
            "HighThroughput:Buffer:colour", "HighThroughput:Buffer:BatchSize", "HighThroughput:Buffer:RetryAfter",
            "HighThroughput:Ingestion", "HighThroughput:Memory"], ignoreOrder: true);
        refusal.Errors["HighThroughput:Ingestion"].Single().ShouldContain("read at start only");
        (await harness.First.CallAsync(s => s.GetHistoryAsync())).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task ValuesBreakingTheRules_AreRefusedWithEveryRuleBroken()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["buffer"]!["capacity"] = 0;
        document["memory"]!["resumeAtPercent"] = 95;

        var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
            harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));

        refusal.Errors.Keys.ShouldBe([
            "HighThroughput:Buffer:Capacity", "HighThroughput:Buffer:BackpressureThreshold", "HighThroughput:Memory:ResumeAtPercent"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("buffer", "capacity", "2000000000", "HighThroughput:Buffer:Capacity")]
    [InlineData("buffer", "batchSize", "1000000", "HighThroughput:Buffer:BatchSize")]
    [InlineData("buffer", "retryAfter", "\"10675199.02:48:05\"", "HighThroughput:Buffer:RetryAfter")]
    [InlineData("idempotency", "retention", "\"10675199.02:48:05\"", "HighThroughput:Idempotency:Retention")]
    [InlineData("memory", "retryAfter", "\"10675199.02:48:05\"", "HighThroughput:Memory:RetryAfter")]
    [InlineData("circuitBreaker", "idleExpiry", "\"10675199.02:48:05\"", "HighThroughput:CircuitBreaker:IdleExpiry")]
    public async Task ValuesTooLargeForTheHost_AreRefused_AndNotApplied(string section, string setting, string json, string key)
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document[section]![setting] = JsonNode.Parse(json);

        var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
            harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));

        refusal.Errors.Keys.ShouldContain(key);
        (await harness.First.CallAsync(s => s.GetHistoryAsync())).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task NamesInAnyCase_AreAccepted_AndStoredAsTheDocumentShowsThem()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = JsonNode.Parse(HighThroughputSettings.Document.ToJson(harness.First.Effective).ToJsonString()
            .Replace("\"buffer\"", "\"Buffer\"").Replace("\"capacity\":50000", "\"CAPACITY\":60000"))!.AsObject();

        var stored = await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document }));

        stored.Settings["buffer"]!["capacity"]!.GetValue<int>().ShouldBe(60000);
        harness.First.Effective.Buffer.Capacity.ShouldBe(60000);
    }

    [Fact]
    public async Task History_RecordsWhoWhenTheOldAndTheNewSettings()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var configured = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        var changed = configured.DeepClone().AsObject();
        changed["buffer"]!["backpressureThreshold"] = 10;

        await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { ExpectedVersion = 0, Settings = changed }));
        await harness.First.CallAsync(s => s.RestoreAsync(1, new RestoreHighThroughputSettingsDto { ExpectedVersion = 1 }));
        var history = await harness.First.CallAsync(s => s.GetHistoryAsync());

        var user = harness.First.Services.GetRequiredService<Users.ICurrentUser>();
        history.TotalCount.ShouldBe(2);
        history.Items.Select(i => i.Version).ShouldBe([2, 1]);
        history.Items.ShouldAllBe(i => i.ChangedBy == "settings-admin" && i.ChangedByKeyId == user.Id);
        JsonNode.DeepEquals(history.Items[1].OldSettings, configured).ShouldBeTrue("the first version records what configuration gave");
        JsonNode.DeepEquals(history.Items[1].NewSettings, changed).ShouldBeTrue();
        JsonNode.DeepEquals(history.Items[0].OldSettings, changed).ShouldBeTrue();
        history.Items[0].RestoredFromVersion.ShouldBe(1);
        history.Items[1].ChangedAt.ShouldBeLessThanOrEqualTo(history.Items[0].ChangedAt);
    }

    [Fact]
    public async Task OptionsListeners_HearAChange()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var heard = new List<int>();
        using var _ = harness.First.Services.GetRequiredService<IOptionsMonitor<HighThroughputOptions>>()
            .OnChange(options => heard.Add(options.Buffer.Capacity));
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["buffer"]!["capacity"] = 45000;

        await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document }));

        heard.ShouldBe([45000]);
    }

    [Fact]
    public async Task SharedSections_FollowARuntimeChange_ThroughMonitorsOfTheirOwn()
    {
        // Circuit breaking, rate limiting and flow control are read without knowing the Messages settings class.
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var services = harness.First.Services;
        var heard = new List<int>();
        using var _ = services.GetRequiredService<IOptionsMonitor<CircuitBreakerOptions>>().OnChange(options => heard.Add(options.FailureThreshold));
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["circuitBreaker"]!["failureThreshold"] = 9;
        document["rateLimiting"]!["enabled"] = false;
        document["memory"]!["shedAtPercent"] = 95;

        await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document }));

        heard.ShouldBe([9]);
        services.GetRequiredService<IOptionsMonitor<CircuitBreakerOptions>>().CurrentValue.FailureThreshold.ShouldBe(9);
        services.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().CurrentValue.Enabled.ShouldBeFalse();
        services.GetRequiredService<IOptionsMonitor<MemoryFlowControlOptions>>().CurrentValue.ShedAtPercent.ShouldBe(95);
    }

    [Fact]
    public async Task AnotherInstance_StartsWithTheStoredVersion()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["buffer"]!["batchSize"] = 250;
        await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document }));

        await harness.Second.Loader.StartAsync(CancellationToken.None);
        try
        {
            harness.Second.Effective.Buffer.BatchSize.ShouldBe(250);
            harness.Second.Loader.Status.LoadedAt.ShouldNotBeNull();
        }
        finally
        {
            await harness.Second.Loader.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AStoredVersionThatNoLongerValidates_IsNotApplied_AndIsReported()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var valid = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        valid["buffer"]!["batchSize"] = 300;
        await harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = valid }));
        await harness.Second.Loader.ReloadAsync(CancellationToken.None);
        // Written by an older release whose rules were looser: the batch size is now out of range.
        var invalid = valid.DeepClone().AsObject();
        invalid["buffer"]!["batchSize"] = 0;
        await harness.First.InScopeAsync(services => services.GetRequiredService<ISettingsVersionRepository<HighThroughputSettingsVersion>>()
            .TryInsertAsync(new HighThroughputSettingsVersion(2, invalid.ToJsonString(), valid.ToJsonString(), DateTime.UtcNow, null, "old release")));

        await harness.Second.Loader.ReloadAsync(CancellationToken.None);

        harness.Second.Effective.Buffer.BatchSize.ShouldBe(300);
        (await harness.Second.CallAsync(s => s.GetAsync())).Version.ShouldBe(1);
        var rejected = harness.Second.Services.GetRequiredService<RuntimeSettingsApplier<HighThroughputOptions>>().Rejected;
        rejected.ShouldNotBeNull().Version.ShouldBe(2);
        rejected.Reasons.ShouldContain(reason => reason.Contains("BatchSize"));
    }

    [Fact]
    public async Task TwoChangesAgainstTheSameVersion_OneWinsAndTheOtherIsAConflict()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);

        var outcomes = await Task.WhenAll(
            Attempt(harness.First, document),
            Attempt(harness.Second, document));

        outcomes.Count(succeeded => succeeded).ShouldBe(1);
        (await harness.First.CallAsync(s => s.GetHistoryAsync())).TotalCount.ShouldBe(1);

        static async Task<bool> Attempt(SettingsInstance instance, JsonObject document)
        {
            try
            {
                await instance.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto
                {
                    ExpectedVersion = 0,
                    Settings = document.DeepClone().AsObject()
                }));
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }
    }
}
