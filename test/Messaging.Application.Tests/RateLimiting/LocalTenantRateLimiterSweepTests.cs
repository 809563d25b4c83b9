using Messaging.Infrastructure.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.RateLimiting;

public class LocalTenantRateLimiterSweepTests
{
    private static readonly RateLimits Limits = new(10, TimeSpan.FromMinutes(1), 5, 5, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task PartitionsWithNothingLeftInTheirWindow_AreDropped_SoPassingClientsDoNotAccumulate()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new LocalTenantRateLimiter(clock);
        for (var client = 0; client < 100; client++)
        {
            await using var decision = limiter.Acquire(Guid.NewGuid(), Limits);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        await using var later = limiter.Acquire(Guid.NewGuid(), Limits);

        limiter.PartitionCount.ShouldBe(1);
    }

    [Fact]
    public async Task PartitionStillCountingOrInFlight_IsKept_AndStillLimited()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new LocalTenantRateLimiter(clock);
        var (busy, counting) = (Guid.NewGuid(), Guid.NewGuid());
        await using var held = limiter.Acquire(busy, Limits with { Window = TimeSpan.FromSeconds(1) });
        clock.Advance(TimeSpan.FromSeconds(70));
        for (var request = 0; request < 5; request++)
        {
            await using var decision = limiter.Acquire(counting, Limits with { Window = TimeSpan.FromMinutes(5) });
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await using var sweeping = limiter.Acquire(Guid.NewGuid(), Limits);

        limiter.PartitionCount.ShouldBe(3);
        for (var request = 0; request < 5; request++)
        {
            await using var decision = limiter.Acquire(counting, Limits with { Window = TimeSpan.FromMinutes(5) });
        }

        await using var overLimit = limiter.Acquire(counting, Limits with { Window = TimeSpan.FromMinutes(5) });
        overLimit.Exceeded.ShouldBe(RateLimitKind.Window);
    }
}
