using CsCheck;
using Messaging.Infrastructure.RateLimiting;
using Messaging.Infrastructure.Redis;
using Messaging.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Messaging.RateLimiting;

/// <summary>
/// The limiters against a model of the rules, for the in-process limiter and for the Redis script on the real server.
/// Each sample is one tenant hit by rounds of concurrent callers at controlled times: in every round exactly as many
/// are admitted as the window, the burst and the free concurrency slots allow (so never more within any window, and
/// never two callers given the same slot), refusals name the limit and the wait after which it admits again, and
/// slots given back are free again.
/// </summary>
public sealed class TenantRateLimiterProperties : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Slots are held far longer than any sample's clock moves, so only releases free them (expiry has its own test).</summary>
    private static readonly TimeSpan NoExpiry = TimeSpan.FromDays(1);

    private sealed record Limits(int PerWindow, int Burst, int Concurrent, int WindowSeconds)
    {
        public RateLimits ToRateLimits() => new(PerWindow, TimeSpan.FromSeconds(WindowSeconds), Burst, Concurrent, NoExpiry);
    }

    /// <summary>Time moves on, some held slots are given back, callers arrive together, some of those admitted keep their slot.</summary>
    private sealed record Round(int DelayMs, int Releases, int Callers, int Holds);

    private static readonly Gen<Limits> LimitsGen = Gen.Select(Gen.Int[1, 40], Gen.Int[1, 20], Gen.Int[1, 15], Gen.Int[30, 120],
        (perWindow, burst, concurrent, window) => new Limits(perWindow, burst, concurrent, window));

    private static readonly Gen<Round> RoundGen = Gen.Select(
        Gen.Frequency((6, Gen.Int[0, 400]), (3, Gen.Int[401, 1_500]), (1, Gen.Int[20_000, 125_000])),
        Gen.Int[0, 10], Gen.Int[1, 30], Gen.Int[0, 10],
        (delay, releases, callers, holds) => new Round(delay, releases, callers, holds));

    private RedisConnection? _redis;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Redis")]
    public async Task ConcurrentCallers_AreAdmittedExactlyAsTheWindowBurstAndSlotsAllow(string limiterKind)
    {
        await Gen.Select(LimitsGen, RoundGen.Array[1, 25]).SampleAsync(async (limits, rounds) =>
        {
            var clock = new FakeTimeProvider(Start);
            var tenantId = Guid.NewGuid();
            var limiter = await CreateAsync(limiterKind, clock);
            try
            {
                var inWindow = await RunAgainstModelAsync(limiter, clock, tenantId, limits, rounds);
                if (_redis is not null)
                {
                    // Every decision went through Redis, none through its local fallback.
                    var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
                    (await _redis.Database.SortedSetLengthAsync(LogKey(tenantId), now - limits.WindowSeconds * 1_000L, double.PositiveInfinity, Exclude.Start))
                        .ShouldBe(inWindow);
                }
            }
            finally
            {
                await DeleteKeysAsync(tenantId);
            }
        }, iter: limiterKind == "Redis" ? 40 : 150, threads: 1);
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Redis")]
    public async Task GivenBackSlots_AreFreeAgain(string limiterKind)
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = await CreateAsync(limiterKind, clock);
        var tenantId = Guid.NewGuid();
        var limits = new RateLimits(1_000, TimeSpan.FromMinutes(1), 1_000, 5, NoExpiry);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var decisions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => limiter.AcquireAsync(tenantId, limits).AsTask())));

                decisions.Count(d => d.IsAllowed).ShouldBe(5);
                decisions.Where(d => !d.IsAllowed).ShouldAllBe(d => d.Exceeded == RateLimitKind.Concurrency && d.RetryAfter == TimeSpan.FromSeconds(1));
                await Task.WhenAll(decisions.Select(d => d.DisposeAsync().AsTask()));
                clock.Advance(TimeSpan.FromMilliseconds(10));
            }
        }
        finally
        {
            await DeleteKeysAsync(tenantId);
        }
    }

    [Fact]
    public async Task SlotsNeverGivenBack_ExpireAfterTheLeaseTimeout_InRedis()
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = await CreateAsync("Redis", clock);
        var tenantId = Guid.NewGuid();
        var limits = new RateLimits(1_000, TimeSpan.FromMinutes(1), 1_000, 2, TimeSpan.FromSeconds(30));
        try
        {
            // An instance that took both slots and crashed: nothing gives them back.
            (await limiter.AcquireAsync(tenantId, limits)).IsAllowed.ShouldBeTrue();
            (await limiter.AcquireAsync(tenantId, limits)).IsAllowed.ShouldBeTrue();

            clock.Advance(TimeSpan.FromSeconds(29));
            var whileHeld = await limiter.AcquireAsync(tenantId, limits);
            clock.Advance(TimeSpan.FromSeconds(1));
            var afterExpiry = await limiter.AcquireAsync(tenantId, limits);

            whileHeld.Exceeded.ShouldBe(RateLimitKind.Concurrency);
            afterExpiry.IsAllowed.ShouldBeTrue();
        }
        finally
        {
            await DeleteKeysAsync(tenantId);
        }
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Redis")]
    public async Task TenantsHaveLimitsOfTheirOwn(string limiterKind)
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = await CreateAsync(limiterKind, clock);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var limits = new RateLimits(3, TimeSpan.FromMinutes(1), 10, 10, NoExpiry);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await using var admitted = await limiter.AcquireAsync(first, limits);
                admitted.IsAllowed.ShouldBeTrue();
            }

            (await limiter.AcquireAsync(first, limits)).Exceeded.ShouldBe(RateLimitKind.Window);
            (await limiter.AcquireAsync(second, limits)).IsAllowed.ShouldBeTrue();
        }
        finally
        {
            await DeleteKeysAsync(first);
            await DeleteKeysAsync(second);
        }
    }

    [Theory]
    [InlineData("Local")]
    [InlineData("Redis")]
    public async Task ManyPermitsAtOnce_AreTakenAllOrNone_AndARefusalWaitsUntilTheyFit(string limiterKind)
    {
        var clock = new FakeTimeProvider(Start);
        var limiter = await CreateAsync(limiterKind, clock);
        var tenantId = Guid.NewGuid();
        var limits = new RateLimits(10, TimeSpan.FromMinutes(1), 6, 1, NoExpiry);
        try
        {
            // A request whose size is not known yet takes the only slot and counts nothing.
            await using var slot = await limiter.AcquireAsync(tenantId, limits, permits: 0, holdsSlot: true);
            var four = await limiter.AcquireAsync(tenantId, limits, permits: 4, holdsSlot: false);
            clock.Advance(TimeSpan.FromMilliseconds(200));
            var threeInTheSameSecond = await limiter.AcquireAsync(tenantId, limits, permits: 3, holdsSlot: false);
            clock.Advance(TimeSpan.FromMilliseconds(800));
            var threeASecondLater = await limiter.AcquireAsync(tenantId, limits, permits: 3, holdsSlot: false);
            var fourPastTheWindow = await limiter.AcquireAsync(tenantId, limits, permits: 4, holdsSlot: false);
            var oneNeedingASlot = await limiter.AcquireAsync(tenantId, limits);

            slot.IsAllowed.ShouldBeTrue();
            slot.Remaining.ShouldBe(10);
            four.IsAllowed.ShouldBeTrue();
            four.Remaining.ShouldBe(6);
            threeInTheSameSecond.Exceeded.ShouldBe(RateLimitKind.Burst);
            threeInTheSameSecond.RetryAfter.ShouldBe(TimeSpan.FromMilliseconds(800));
            threeASecondLater.IsAllowed.ShouldBeTrue();
            threeASecondLater.Remaining.ShouldBe(3);
            fourPastTheWindow.Exceeded.ShouldBe(RateLimitKind.Window);
            fourPastTheWindow.RetryAfter.ShouldBe(TimeSpan.FromSeconds(59));
            oneNeedingASlot.Exceeded.ShouldBe(RateLimitKind.Concurrency);
            await Should.ThrowAsync<ArgumentOutOfRangeException>(() => limiter.AcquireAsync(tenantId, limits, permits: 7, holdsSlot: false).AsTask());
        }
        finally
        {
            await DeleteKeysAsync(tenantId);
        }
    }

    /// <returns>How many admissions the model holds in the window at the end.</returns>
    private static async Task<int> RunAgainstModelAsync(ITenantRateLimiter limiter, FakeTimeProvider clock, Guid tenantId, Limits limits, Round[] rounds)
    {
        var rateLimits = limits.ToRateLimits();
        var windowMs = limits.WindowSeconds * 1_000L;
        var admittedAt = new List<long>();
        var held = new List<RateLimitDecision>();
        foreach (var round in rounds)
        {
            clock.Advance(TimeSpan.FromMilliseconds(round.DelayMs));
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var release in held.Take(round.Releases).ToList())
            {
                await release.DisposeAsync();
                held.Remove(release);
            }

            var inWindow = admittedAt.Where(t => t > now - windowMs).ToList();
            var inBurst = admittedAt.Count(t => t > now - 1_000);
            var windowLeft = limits.PerWindow - inWindow.Count;
            var burstLeft = limits.Burst - inBurst;
            var slotsLeft = limits.Concurrent - held.Count;
            var expected = Math.Clamp(Math.Min(round.Callers, Math.Min(windowLeft, Math.Min(burstLeft, slotsLeft))), 0, round.Callers);

            var decisions = await Task.WhenAll(Enumerable.Range(0, round.Callers)
                .Select(_ => Task.Run(() => limiter.AcquireAsync(tenantId, rateLimits).AsTask())));

            var admitted = decisions.Where(d => d.IsAllowed).ToList();
            admitted.Count.ShouldBe(expected, $"admitted at {now - Start.ToUnixTimeMilliseconds()} ms");
            // Atomic: each admitted caller took a different place in the window.
            admitted.Select(d => d.Remaining).ShouldBe(Enumerable.Range(windowLeft - expected, expected), ignoreOrder: true);
            var oldest = inWindow.Count > 0 ? inWindow.Min() : now;
            admitted.ShouldAllBe(d => d.Limit == limits.PerWindow && d.Reset == TimeSpan.FromMilliseconds(oldest + windowMs - now));
            AssertRefusals(decisions.Where(d => !d.IsAllowed).ToList(), limits, now, windowMs, inWindow.Concat(Enumerable.Repeat(now, expected)).ToList(),
                slotsLeft - expected);

            admittedAt.AddRange(Enumerable.Repeat(now, expected));
            held.AddRange(admitted.Take(round.Holds));
            foreach (var done in admitted.Skip(round.Holds))
            {
                await done.DisposeAsync();
            }

            held.Count.ShouldBeLessThanOrEqualTo(limits.Concurrent);
        }

        foreach (var decision in held)
        {
            await decision.DisposeAsync();
        }

        var end = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return admittedAt.Count(t => t > end - windowMs);
    }

    /// <summary>Refusals come after the last admission of their round, so they all see the limit that ran out first.</summary>
    private static void AssertRefusals(List<RateLimitDecision> refused, Limits limits, long now, long windowMs, List<long> inWindow, int slotsLeft)
    {
        if (refused.Count == 0)
        {
            return;
        }

        inWindow.Sort();
        var inBurst = inWindow.Count(t => t > now - 1_000);
        var (kind, limit, retryAfter) =
            inWindow.Count >= limits.PerWindow ? (RateLimitKind.Window, limits.PerWindow, inWindow[inWindow.Count - limits.PerWindow] + windowMs - now)
            : inBurst >= limits.Burst ? (RateLimitKind.Burst, limits.Burst, inWindow[inWindow.Count - limits.Burst] + 1_000 - now)
            : (RateLimitKind.Concurrency, limits.Concurrent, 1_000L);
        if (kind == RateLimitKind.Concurrency)
        {
            slotsLeft.ShouldBe(0);
        }

        refused.ShouldAllBe(d => d.Exceeded == kind && d.Limit == limit && d.Remaining == 0 && d.RetryAfter == TimeSpan.FromMilliseconds(retryAfter));
        retryAfter.ShouldBeGreaterThan(0);
    }

    private async Task<ITenantRateLimiter> CreateAsync(string kind, FakeTimeProvider clock)
    {
        if (kind == "Local")
        {
            return new LocalTenantRateLimiter(clock);
        }

        if (_redis is null)
        {
            _redis = new RedisConnection(RedisTestServer.Configuration(), NullLogger<RedisConnection>.Instance);
            await Eventually.TrueAsync(() => Task.FromResult(_redis.IsConnected), TimeSpan.FromSeconds(10), "Redis is connected");
        }

        return new RedisTenantRateLimiter(_redis, new LocalTenantRateLimiter(clock),
            new StaticOptionsMonitor<RateLimitingOptions>(new RateLimitingOptions()), clock, NullLogger<RedisTenantRateLimiter>.Instance);
    }

    private static RedisKey LogKey(Guid tenantId) => $"messaging:ratelimit:{{{tenantId:N}}}:log";

    private async Task DeleteKeysAsync(Guid tenantId)
    {
        if (_redis is not null)
        {
            await _redis.Database.KeyDeleteAsync([LogKey(tenantId), $"messaging:ratelimit:{{{tenantId:N}}}:leases"]);
        }
    }
}
