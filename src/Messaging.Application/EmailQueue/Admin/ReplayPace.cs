using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Admin;

/// <summary>
/// When each event of a replay is due: the first at once, each next one <see cref="Interval"/> later. The delivery
/// worker claims by due time, so the pacing is stored with the events: it survives a restart and holds no request open.
/// </summary>
public readonly record struct ReplayPace(DateTime Start, TimeSpan Interval)
{
    /// <summary>One event per 100 seconds: slower would put a large replay's last event years away.</summary>
    public const double MinRatePerSecond = 0.01;

    public const string RateField = "ratePerSecond";

    public DateTime DueAt(int position) => Start + TimeSpan.FromTicks(Interval.Ticks * position);

    /// <summary>The admin's rate, or the configured one; one outside (0.01, max] is a 400 naming <c>ratePerSecond</c>.</summary>
    public static ReplayPace Of(double? ratePerSecond, EmailQueueOptions options, DateTime now)
    {
        var rate = ratePerSecond ?? options.DeadLetterReplayRate;
        if (!double.IsFinite(rate) || rate < MinRatePerSecond || rate > options.MaxDeadLetterReplayRate)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                [RateField] = [$"The replay rate must be from {MinRatePerSecond} to {options.MaxDeadLetterReplayRate} events per second."]
            });
        }

        // Whole microseconds, so the due times read back equal the ones written on every database.
        var intervalMicroseconds = Math.Max(1, Math.Round(1_000_000 / rate));
        return new ReplayPace(new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            TimeSpan.FromTicks((long)intervalMicroseconds * TimeSpan.TicksPerMicrosecond));
    }
}
