using System.Diagnostics.Metrics;
using CsCheck;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.FlowControl;

/// <summary>
/// Property 4 of the seed, Memory Flow Control: for any sequence of memory readings (and thresholds changed at
/// runtime between them), the instance sheds exactly when the hysteresis rule says, and recovers by itself.
/// </summary>
public class MemoryFlowControlProperties
{
    /// <summary>
    /// One sample: the memory in use as a share of the limit (sometimes exactly a threshold), where the limit comes
    /// from (configured, reported by the runtime, or unknown), and the thresholds in effect at that moment.
    /// </summary>
    private sealed record Step(double Percent, long Limit, LimitSource Source, int ShedAt, int ResumeAt);

    private enum LimitSource { Configured, Reported, Unknown }

    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static readonly Gen<(int ShedAt, int ResumeAt)> Thresholds =
        Gen.Int[2, 100].SelectMany(shed => Gen.Int[1, shed - 1].Select(resume => (shed, resume)));

    private static Gen<Step> StepGen((int ShedAt, int ResumeAt) usual) => Gen.Select(
        Gen.Frequency((8, Gen.Const(usual)), (1, Thresholds)),
        Gen.Frequency((6, Gen.Double[0, 130]), (1, Gen.Const(-1.0)), (1, Gen.Const(-2.0))),
        Gen.Long[1_000_000, 64L << 30],
        Gen.Frequency((5, Gen.Const(LimitSource.Configured)), (3, Gen.Const(LimitSource.Reported)), (1, Gen.Const(LimitSource.Unknown))),
        (thresholds, percent, limit, source) => new Step(
            // -1 and -2 stand for "exactly at the shed threshold" and "exactly at the resume threshold".
            percent == -1.0 ? thresholds.ShedAt : percent == -2.0 ? thresholds.ResumeAt : percent,
            limit, source, thresholds.ShedAt, thresholds.ResumeAt));

    private static readonly Gen<Step[]> Sequences = Thresholds.SelectMany(usual => StepGen(usual).Array[1, 60]);

    [Fact]
    public void Shedding_FollowsTheHysteresisRule_ForAnySequenceOfReadings()
    {
        Sequences.Sample(steps =>
        {
            var (flowControl, probe, settings) = Create();
            var shedding = false;
            foreach (var step in steps)
            {
                settings.ShedAtPercent = step.ShedAt;
                settings.ResumeAtPercent = step.ResumeAt;
                settings.LimitBytes = step.Source == LimitSource.Configured ? step.Limit : 0;
                var used = (long)Math.Round(step.Limit * step.Percent / 100);
                probe.Next = new MemoryUsage(used, step.Source == LimitSource.Reported ? step.Limit : step.Source == LimitSource.Unknown ? 0 : 7);

                var status = flowControl.Sample();

                var percent = 100.0 * used / step.Limit;
                if (step.Source == LimitSource.Unknown)
                {
                    status.Shedding.ShouldBeFalse("no limit is known, so nothing may be shed");
                }
                else if (percent >= step.ShedAt)
                {
                    status.Shedding.ShouldBeTrue($"at {percent:F2}% with the shed threshold at {step.ShedAt}%");
                }
                else if (percent < step.ResumeAt)
                {
                    status.Shedding.ShouldBeFalse($"at {percent:F2}%, below the resume threshold {step.ResumeAt}%");
                }
                else
                {
                    status.Shedding.ShouldBe(shedding, $"at {percent:F2}%, between {step.ResumeAt}% and {step.ShedAt}%, the state must hold");
                }

                status.Reading.LimitBytes.ShouldBe(step.Source == LimitSource.Unknown ? 0 : step.Limit);
                flowControl.IsShedding.ShouldBe(status.Shedding);
                shedding = status.Shedding;
            }
        }, iter: 2000);
    }

    [Fact]
    public void ConfiguredLimit_WinsOverWhatTheRuntimeReports()
    {
        var (flowControl, probe, settings) = Create();
        settings.LimitBytes = 1_000;
        probe.Next = new MemoryUsage(950, 1_000_000);

        var status = flowControl.Sample();

        status.Reading.LimitBytes.ShouldBe(1_000);
        status.Shedding.ShouldBeTrue();
    }

    [Fact]
    public void RaisingTheLimit_EndsShedding_AtTheNextSample()
    {
        var (flowControl, probe, settings) = Create();
        settings.LimitBytes = 1_000;
        probe.Next = new MemoryUsage(2_000, 0);
        flowControl.Sample().Shedding.ShouldBeTrue();

        settings.LimitBytes = 1_000_000;

        flowControl.Sample().Shedding.ShouldBeFalse();
        flowControl.IsShedding.ShouldBeFalse();
    }

    private static (MemoryFlowControl FlowControl, ScriptedProbe Probe, MemoryFlowControlOptions Settings) Create()
    {
        var settings = new MemoryFlowControlOptions();
        var probe = new ScriptedProbe();
        var flowControl = new MemoryFlowControl(probe, new StaticOptionsMonitor<MemoryFlowControlOptions>(settings),
            new FlowControlMetrics(Meters), TimeProvider.System, NullLogger<MemoryFlowControl>.Instance);
        return (flowControl, probe, settings);
    }

    private sealed class ScriptedProbe : IMemoryProbe
    {
        public MemoryUsage Next { get; set; }

        public MemoryUsage Read() => Next;
    }
}
