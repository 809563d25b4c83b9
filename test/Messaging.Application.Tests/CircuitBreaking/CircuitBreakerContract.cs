using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.CircuitBreaking;

/// <summary>
/// What every <see cref="ICircuitBreaker"/> must do, run against the in-process one and the Redis one alike
/// (seed Property 14: Circuit Breaker State Transition; the breaker's half of Property 15: Circuit Open Message Queuing).
/// </summary>
public abstract class CircuitBreakerContract
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly CircuitKey[] Keys =
    [
        new("sms", Guid.Parse("0197a6f4-0000-7000-8000-000000000001")),
        new("sms", Guid.Parse("0197a6f4-0000-7000-8000-000000000002")),
        new("whats:app", Guid.Parse("0197a6f4-0000-7000-8000-000000000001"))
    ];

    protected enum Kind { Acquire, Success, Failure, Advance, ForceOpen, Reset }

    protected sealed record Step(Kind Kind, int Key, int AdvanceMilliseconds);

    private static readonly Gen<CircuitModel.Settings> SettingsGen = Gen.Select(
        Gen.Int[1, 4], Gen.Int[1, 40], Gen.Int[1, 60], Gen.Int[1, 20],
        (threshold, recoverySeconds, probeSeconds, retrySeconds) => new CircuitModel.Settings(threshold,
            TimeSpan.FromSeconds(recoverySeconds), TimeSpan.FromSeconds(probeSeconds), TimeSpan.FromSeconds(retrySeconds)));

    private static readonly Gen<Step> StepGen = Gen.Select(
        Gen.Frequency(
            (6, Gen.Const(Kind.Acquire)),
            (2, Gen.Const(Kind.Success)),
            (6, Gen.Const(Kind.Failure)),
            (3, Gen.Const(Kind.Advance)),
            (1, Gen.Const(Kind.ForceOpen)),
            (1, Gen.Const(Kind.Reset))),
        Gen.Int[0, Keys.Length - 1],
        Gen.Int[1, 70_000],
        (kind, key, advance) => new Step(kind, key, advance));

    protected abstract int Iterations { get; }

    protected abstract Task<ICircuitBreaker> CreateAsync(TimeProvider clock, CircuitModel.Settings settings);

    [Fact]
    public async Task Property14_CircuitBreakerStateTransition_AgreesWithTheReferenceModelAfterEveryStep()
    {
        await Gen.Select(SettingsGen, StepGen.Array[1, 60]).SampleAsync(async sample =>
        {
            var (settings, steps) = sample;
            var clock = new FakeTimeProvider(Start);
            var breaker = await CreateAsync(clock, settings);
            var model = new CircuitModel(settings);
            foreach (var step in steps)
            {
                var key = Keys[step.Key];
                var now = clock.GetUtcNow().UtcDateTime;
                switch (step.Kind)
                {
                    case Kind.Acquire:
                        (await breaker.AcquireAsync(key)).ShouldBe(model.Acquire(key, now), $"acquire at {now:O}");
                        break;
                    case Kind.Success:
                        await breaker.RecordSuccessAsync(key);
                        model.Success(key);
                        break;
                    case Kind.Failure:
                        await breaker.RecordFailureAsync(key);
                        model.Failure(key, now);
                        break;
                    case Kind.Advance:
                        clock.Advance(TimeSpan.FromMilliseconds(step.AdvanceMilliseconds));
                        break;
                    case Kind.ForceOpen:
                        (await breaker.ForceOpenAsync(key)).State.ShouldBe(CircuitState.Open);
                        model.ForceOpen(key, now);
                        break;
                    case Kind.Reset:
                        (await breaker.ResetAsync(key)).State.ShouldBe(CircuitState.Closed);
                        model.Reset(key);
                        break;
                }

                var listed = await breaker.ListAsync();
                foreach (var each in Keys)
                {
                    CircuitModel.ObservedIn(listed, each).ShouldBe(model.Expected(each), $"{each} after {step}");
                }
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public async Task Property15_WhileOpen_NoCallIsPermitted_AndEveryRefusalSaysWhenToRetry()
    {
        await Gen.Select(SettingsGen, StepGen.Array[1, 60]).SampleAsync(async sample =>
        {
            var (settings, steps) = sample;
            var clock = new FakeTimeProvider(Start);
            var breaker = await CreateAsync(clock, settings);
            foreach (var step in steps)
            {
                var key = Keys[step.Key];
                switch (step.Kind)
                {
                    case Kind.Acquire:
                        var now = clock.GetUtcNow().UtcDateTime;
                        var before = (await breaker.ListAsync()).SingleOrDefault(c => c.Key == key);
                        var permit = await breaker.AcquireAsync(key);
                        if (before is { State: CircuitState.Open } open && (open.ForcedOpen || now < open.NextProbeAt))
                        {
                            permit.Allowed.ShouldBeFalse("an open circuit before its probe time let a call through");
                            if (!open.ForcedOpen)
                            {
                                permit.RetryAt.ShouldBe(open.NextProbeAt);
                            }
                        }

                        if (!permit.Allowed)
                        {
                            permit.RetryAt.ShouldNotBeNull();
                            permit.RetryAt.Value.ShouldBeGreaterThan(now, "a refused message would be retried at once");
                            permit.IsProbe.ShouldBeFalse();
                        }

                        break;
                    case Kind.Success:
                        await breaker.RecordSuccessAsync(key);
                        break;
                    case Kind.Failure:
                        await breaker.RecordFailureAsync(key);
                        break;
                    case Kind.Advance:
                        clock.Advance(TimeSpan.FromMilliseconds(step.AdvanceMilliseconds));
                        break;
                    case Kind.ForceOpen:
                        await breaker.ForceOpenAsync(key);
                        break;
                    case Kind.Reset:
                        await breaker.ResetAsync(key);
                        break;
                }
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public async Task ThresholdFailures_OpenTheCircuit_AndASuccessfulProbeClosesIt()
    {
        var clock = new FakeTimeProvider(Start);
        var breaker = await CreateAsync(clock, new CircuitModel.Settings(3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        var key = Keys[0];

        await breaker.RecordFailureAsync(key);
        await breaker.RecordFailureAsync(key);
        var beforeThreshold = await breaker.AcquireAsync(key);
        await breaker.RecordFailureAsync(key);
        var opened = await breaker.AcquireAsync(key);
        clock.Advance(TimeSpan.FromSeconds(30));
        var probe = await breaker.AcquireAsync(key);
        var duringProbe = await breaker.AcquireAsync(key);
        await breaker.RecordSuccessAsync(key);
        var afterProbe = await breaker.AcquireAsync(key);

        beforeThreshold.ShouldBe(CircuitPermit.Closed);
        opened.ShouldBe(CircuitPermit.Refused(Start.UtcDateTime.AddSeconds(30)));
        probe.ShouldBe(CircuitPermit.Probe);
        duringProbe.ShouldBe(CircuitPermit.Refused(Start.UtcDateTime.AddSeconds(35)));
        afterProbe.ShouldBe(CircuitPermit.Closed);
        CircuitModel.ObservedIn(await breaker.ListAsync(), key).ShouldBe(new CircuitModel.Observed(CircuitState.Closed, 0, null, null, false));
    }

    [Fact]
    public async Task ExactlyOneConcurrentAcquirer_GetsTheHalfOpenProbe()
    {
        var clock = new FakeTimeProvider(Start);
        var settings = new CircuitModel.Settings(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        var breakers = await CreateConcurrentCallersAsync(clock, settings);
        var key = Keys[1];
        await breakers[0].RecordFailureAsync(key);
        clock.Advance(TimeSpan.FromSeconds(10));

        using var go = new ManualResetEventSlim();
        var acquirers = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await breakers[i % breakers.Count].AcquireAsync(key);
        })).ToList();
        go.Set();
        var permits = await Task.WhenAll(acquirers);

        permits.Count(p => p.IsProbe).ShouldBe(1);
        permits.Count(p => p.Allowed).ShouldBe(1);
    }

    [Fact]
    public async Task AnAbandonedProbe_ExpiresAndTheNextCallerProbes()
    {
        var clock = new FakeTimeProvider(Start);
        var breaker = await CreateAsync(clock, new CircuitModel.Settings(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(5)));
        var key = Keys[2];
        await breaker.RecordFailureAsync(key);
        clock.Advance(TimeSpan.FromSeconds(10));

        var abandoned = await breaker.AcquireAsync(key);
        clock.Advance(TimeSpan.FromSeconds(44));
        var whileLeased = await breaker.AcquireAsync(key);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterLease = await breaker.AcquireAsync(key);

        abandoned.IsProbe.ShouldBeTrue();
        whileLeased.ShouldBe(CircuitPermit.Refused(Start.UtcDateTime.AddSeconds(55)));
        afterLease.IsProbe.ShouldBeTrue();
    }

    /// <summary>Breakers that callers share the circuit through: one for in-process, one per connection for Redis.</summary>
    protected virtual async Task<IReadOnlyList<ICircuitBreaker>> CreateConcurrentCallersAsync(TimeProvider clock, CircuitModel.Settings settings) =>
        [await CreateAsync(clock, settings)];
}
