using System.Diagnostics.Metrics;
using Messaging.Infrastructure.DistributedLocking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.BackgroundJobs;

/// <summary>What every retention job gets from the shared sweep: an age cutoff, full batches until a short one, one run at a time, and its count exported.</summary>
public class RetentionSweepRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_DeletesInBatchesUntilAShortOne_OlderThanTheRetention_AndCountsThemInItsMetric()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var counted = new List<(long Rows, object? Sweep)>();
        using var listener = Listen(counted);
        var sweep = new RetentionSweep(new LocalDistributedLock(), new SweepMetrics(meters), new FakeTimeProvider(Now), NullLogger<RetentionSweep>.Instance);
        var remaining = 2 * RetentionSweep.BatchSize + 7;
        var cutoffs = new List<DateTime>();

        var report = await sweep.RunAsync("test.sweep", TimeSpan.FromDays(2), (cutoff, batchSize, _) =>
        {
            cutoffs.Add(cutoff);
            var deleted = Math.Min(batchSize, remaining);
            remaining -= deleted;
            return Task.FromResult(deleted);
        }, CancellationToken.None);

        report.ShouldBe(new SweepReport(2 * RetentionSweep.BatchSize + 7, 3, Now.UtcDateTime.AddDays(-2)));
        cutoffs.ShouldAllBe(cutoff => cutoff == Now.UtcDateTime.AddDays(-2));
        counted.Sum(entry => entry.Rows).ShouldBe(2 * RetentionSweep.BatchSize + 7);
        counted.ShouldAllBe(entry => (string?)entry.Sweep == "test.sweep");
    }

    [Fact]
    public async Task WhileOneInstanceSweeps_AnotherDoesNothing_AndReportsNull()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var locks = new LocalDistributedLock();
        var metrics = new SweepMetrics(services.GetRequiredService<IMeterFactory>());
        var first = new RetentionSweep(locks, metrics, new FakeTimeProvider(Now), NullLogger<RetentionSweep>.Instance);
        var second = new RetentionSweep(locks, metrics, new FakeTimeProvider(Now), NullLogger<RetentionSweep>.Instance);
        var firstIsSweeping = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var secondCalled = false;

        var running = first.RunAsync("test.exclusive", TimeSpan.FromDays(1), async (_, _, _) =>
        {
            firstIsSweeping.SetResult();
            await release.Task;
            return 0;
        }, CancellationToken.None);
        await firstIsSweeping.Task;
        var skipped = await second.RunAsync("test.exclusive", TimeSpan.FromDays(1), (_, _, _) =>
        {
            secondCalled = true;
            return Task.FromResult(0);
        }, CancellationToken.None);
        release.SetResult();

        skipped.ShouldBeNull();
        secondCalled.ShouldBeFalse();
        (await running).ShouldNotBeNull().Batches.ShouldBe(1);
    }

    private static MeterListener Listen(List<(long Rows, object? Sweep)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == SweepMetrics.MeterName && instrument.Name == "sweep.deleted")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            }
        };
        listener.SetMeasurementEventCallback<long>((_, rows, tags, _) =>
        {
            lock (counted)
            {
                counted.Add((rows, tags.ToArray().Single(tag => tag.Key == "sweep").Value));
            }
        });
        listener.Start();
        return listener;
    }
}
