using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Messaging.LoadGenerator;

/// <summary>Thread-safe counters and a latency histogram in microseconds, for the measured part of a run.</summary>
public sealed class RunStats
{
    private static readonly long HighestTrackableMicros = TimeSpan.FromMinutes(10).Ticks / 10;

    private readonly LongConcurrentHistogram _latency = new(1, HighestTrackableMicros, 3);
    private readonly ConcurrentDictionary<int, long> _otherStatuses = new();
    private readonly ConcurrentDictionary<string, long> _errorKinds = new(StringComparer.Ordinal);
    private long _sent;
    private long _accepted;
    private long _messagesAccepted;
    private long _rejected429;
    private long _unavailable503;
    private long _other;
    private long _errors;
    private long _lastAnswerTimestamp;

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests accepted: 202 for a single send, 200 for a send-many.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Messages accepted: one per single send, the answer's count per send-many.</summary>
    public long MessagesAccepted => Interlocked.Read(ref _messagesAccepted);

    public long Rejected429 => Interlocked.Read(ref _rejected429);

    public long Unavailable503 => Interlocked.Read(ref _unavailable503);

    public long OtherStatus => Interlocked.Read(ref _other);

    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyDictionary<int, long> OtherStatuses => _otherStatuses;

    public IReadOnlyDictionary<string, long> ErrorKinds => _errorKinds;

    public HistogramBase Latency => _latency;

    /// <summary>Stopwatch timestamp of the last answer or failure counted here; 0 when none was.</summary>
    public long LastAnswerTimestamp => Interlocked.Read(ref _lastAnswerTimestamp);

    public static long MicrosBetween(long fromTimestamp, long toTimestamp) =>
        Math.Max(1, (toTimestamp - fromTimestamp) * 1_000_000 / Stopwatch.Frequency);

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void Completed(int status, long latencyMicros, int messages = 1)
    {
        switch (status)
        {
            case 202 or 200:
                Interlocked.Increment(ref _accepted);
                Interlocked.Add(ref _messagesAccepted, messages);
                break;
            case 429:
                Interlocked.Increment(ref _rejected429);
                break;
            case 503:
                Interlocked.Increment(ref _unavailable503);
                break;
            default:
                Interlocked.Increment(ref _other);
                _otherStatuses.AddOrUpdate(status, 1, static (_, n) => n + 1);
                break;
        }

        Record(latencyMicros);
    }

    /// <summary>A request that got no HTTP answer: it counts at the time the caller gave up, so failures never flatter the percentiles.</summary>
    public void Failed(Exception exception, long latencyMicros)
    {
        Interlocked.Increment(ref _errors);
        _errorKinds.AddOrUpdate(Describe(exception), 1, static (_, n) => n + 1);
        Record(latencyMicros);
    }

    private void Record(long micros)
    {
        _latency.RecordValue(Math.Min(micros, HighestTrackableMicros));
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastAnswerTimestamp);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastAnswerTimestamp, now, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }
    }

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return exception switch
        {
            TaskCanceledException { InnerException: TimeoutException } => "timeout",
            TaskCanceledException => "cancelled",
            _ when ReferenceEquals(innermost, exception) => exception.GetType().Name + ": " + exception.Message,
            _ => exception.GetType().Name + " <- " + innermost.GetType().Name + ": " + innermost.Message
        };
    }
}
