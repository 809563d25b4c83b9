using Messaging.Messages;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.RateLimiting;

public class RateLimitingOptionsTests
{
    [Fact]
    public void Defaults_AreTheSeedsTiers_AndEnabled()
    {
        var options = Bind([]);

        options.RateLimiting.Enabled.ShouldBeTrue();
        options.RateLimiting.EnableDistributedLimiting.ShouldBeTrue();
        options.RateLimiting.WindowSize.ShouldBe(TimeSpan.FromMinutes(1));
        Limits(options, TenantTier.Basic).ShouldBe((100, 20, 10));
        Limits(options, TenantTier.Premium).ShouldBe((1_000, 200, 100));
        Limits(options, TenantTier.Enterprise).ShouldBe((10_000, 2_000, 1_000));
    }

    [Fact]
    public void OneSetting_ChangesOnlyItself()
    {
        var options = Bind(new() { ["HighThroughput:RateLimiting:TierLimits:Basic:RequestsPerMinute"] = "500" });

        Limits(options, TenantTier.Basic).ShouldBe((500, 20, 10));
        Limits(options, TenantTier.Premium).ShouldBe((1_000, 200, 100));
    }

    [Theory]
    [InlineData("HighThroughput:RateLimiting:TierLimits:Premium:BurstLimit", "0", "TierLimits:Premium")]
    [InlineData("HighThroughput:RateLimiting:TierLimits:Enterprise:ConcurrentRequests", "-1", "TierLimits:Enterprise")]
    [InlineData("HighThroughput:RateLimiting:WindowSize", "00:00:00", "WindowSize")]
    [InlineData("HighThroughput:RateLimiting:ConcurrencyLeaseTimeout", "00:00:00", "ConcurrencyLeaseTimeout")]
    public void InvalidSettings_AreRefusedNamingTheKey(string key, string value, string named)
    {
        var failure = Should.Throw<OptionsValidationException>(() => Bind(new() { [key] = value }));

        failure.Message.ShouldContain(named);
    }

    [Fact]
    public void Policy_PutsTheOverrideOnTopOfTheTier_AndReadsTheSettingsOfNow()
    {
        var options = new RateLimitingOptions();
        var policy = new TenantRateLimitPolicy(new StaticOptionsMonitor<RateLimitingOptions>(options));

        var partlyOverridden = policy.For(TenantTier.Premium, new TenantRateLimitOverride(5_000, null, 7));
        options.TierLimits.Premium.BurstLimit = 300;
        options.WindowSize = TimeSpan.FromSeconds(30);
        var afterChange = policy.For(TenantTier.Premium, null);

        partlyOverridden.ShouldBe(new RateLimits(5_000, TimeSpan.FromMinutes(1), 200, 7, TimeSpan.FromSeconds(30)));
        afterChange.ShouldBe(new RateLimits(1_000, TimeSpan.FromSeconds(30), 300, 100, TimeSpan.FromSeconds(30)));
    }

    private static (int, int, int) Limits(HighThroughputOptions options, TenantTier tier)
    {
        var limits = options.RateLimiting.TierLimits.For(tier);
        return (limits.RequestsPerMinute, limits.BurstLimit, limits.ConcurrentRequests);
    }

    private static HighThroughputOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMetrics().AddApplicationLayer(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<HighThroughputOptions>>().Value;
    }
}
