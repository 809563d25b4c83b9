using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Messaging.EntityFrameworkCore.Diagnostics;

/// <summary>
/// What every database command costs: a count and a duration histogram by kind and outcome, and each command slower
/// than <c>Database:SlowQueryThreshold</c> (100 ms) counted and logged with its shape: the SQL with string and number
/// literals replaced by <c>?</c> and no parameter values, since those are the tenants' data. Keeps the slow share of
/// the last few minutes for readiness.
/// </summary>
public sealed partial class QueryMonitor
{
    public const string MeterName = "Messaging.Diagnostics";
    public const string SlowThresholdKey = "Database:SlowQueryThreshold";
    private const int MaxShapeLength = 600;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Counter<long> _commands;
    private readonly Counter<long> _slow;
    private readonly Histogram<double> _duration;
    private readonly ILogger<QueryMonitor> _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private (long Total, long Slow) _current;
    private (long Total, long Slow) _previous;
    private DateTime _windowStart;

    public QueryMonitor(IMeterFactory meterFactory, TimeSpan slowThreshold, TimeProvider clock, ILogger<QueryMonitor> logger)
    {
        _clock = clock;
        _logger = logger;
        _windowStart = clock.GetUtcNow().UtcDateTime;
        SlowThreshold = slowThreshold;
        var meter = meterFactory.Create(MeterName);
        _commands = meter.CreateCounter<long>("db.commands", "{command}", "Database commands run, by kind (query, non_query, scalar) and outcome.");
        _slow = meter.CreateCounter<long>("db.slow_commands", "{command}", "Database commands slower than Database:SlowQueryThreshold, by kind.");
        _duration = meter.CreateHistogram<double>("db.command_duration", "s", "Time of one database command, by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10] });
    }

    public TimeSpan SlowThreshold { get; }

    public void Executed(string kind, string commandText, TimeSpan duration, bool failed)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded");
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        _commands.Add(1, kindTag, outcome);
        _duration.Record(duration.TotalSeconds, kindTag);
        var slow = duration > SlowThreshold;
        lock (_gate)
        {
            Roll();
            _current = (_current.Total + 1, _current.Slow + (slow ? 1 : 0));
        }

        if (slow)
        {
            _slow.Add(1, kindTag);
            LogSlow(_logger, duration.TotalMilliseconds, kind, Shape(commandText));
        }
    }

    /// <summary>Commands and slow commands over the last five to ten minutes.</summary>
    public (long Total, long Slow) Recent()
    {
        lock (_gate)
        {
            Roll();
            return (_current.Total + _previous.Total, _current.Slow + _previous.Slow);
        }
    }

    /// <summary>The command without its values: literals become <c>?</c>, whitespace one space, at most 600 characters.</summary>
    public static string Shape(string commandText)
    {
        var shape = Literals().Replace(commandText, "?");
        shape = Whitespace().Replace(shape, " ").Trim();
        return shape.Length <= MaxShapeLength ? shape : shape[..MaxShapeLength] + "…";
    }

    private void Roll()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (now - _windowStart < Window)
        {
            return;
        }

        _previous = now - _windowStart < Window * 2 ? _current : (0, 0);
        _current = (0, 0);
        _windowStart = now;
    }

    [GeneratedRegex(@"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Literals();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow database command ({ElapsedMs:0} ms, {Kind}): {Shape}")]
    private static partial void LogSlow(ILogger logger, double elapsedMs, string kind, string shape);
}
