using System.Diagnostics.Metrics;

namespace Messaging.EmailQueue;

/// <summary>Instruments of the email queue; the tenant is never a label.</summary>
public sealed class EmailQueueMetrics
{
    public const string MeterName = EmailQueueConsts.MeterName;

    private readonly Counter<long> _published;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _suppressed;
    private readonly Counter<long> _replayed;
    private readonly Counter<long> _purged;
    private readonly Counter<long> _rendered;
    private readonly Histogram<double> _sendSeconds;
    private long _waiting;
    private double _oldestWaitingSeconds;

    public EmailQueueMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("published", "{event}", "Email events committed, by type.");
        _sent = meter.CreateCounter<long>("sent", "{event}", "Email events a mail server accepted, by type.");
        _failed = meter.CreateCounter<long>("failed", "{attempt}", "Failed send attempts, by error class.");
        _retried = meter.CreateCounter<long>("retried", "{attempt}", "Failed attempts followed by another, by error class.");
        _deadLettered = meter.CreateCounter<long>("dead_lettered", "{event}", "Email events dead-lettered, by the class of their last failure.");
        _suppressed = meter.CreateCounter<long>("suppressed", "{event}", "Email events ended without a call because their recipient is suppressed.");
        _replayed = meter.CreateCounter<long>("dead_letters.replayed", "{event}", "Dead letters queued again by an admin's replay.");
        _purged = meter.CreateCounter<long>("dead_letters.purged", "{event}", "Dead letters deleted by an admin's purge.");
        _rendered = meter.CreateCounter<long>("rendered", "{email}", "Emails rendered from a template, by type and template source (default or custom).");
        _sendSeconds = meter.CreateHistogram<double>("send_duration", "s", "Time of one send attempt, connection included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        meter.CreateObservableGauge("queue.depth", () => Volatile.Read(ref _waiting), "{event}",
            "Email events accepted or queued and not yet finished, as last measured.");
        meter.CreateObservableGauge("queue.oldest_age", () => Volatile.Read(ref _oldestWaitingSeconds), "s",
            "Age of the oldest unfinished email event, as last measured.");
    }

    public void Published(EmailEventType type) => _published.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));

    public void Sent(EmailEventType type) => _sent.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));

    public void Failed(EmailErrorClass errorClass) => _failed.Add(1, Class(errorClass));

    public void Retried(EmailErrorClass errorClass) => _retried.Add(1, Class(errorClass));

    public void DeadLettered(EmailErrorClass errorClass) => _deadLettered.Add(1, Class(errorClass));

    public void Suppressed() => _suppressed.Add(1);

    public void Replayed(int count) => _replayed.Add(count);

    public void Purged(int count) => _purged.Add(count);

    public void Rendered(EmailEventType type, EmailTemplateSource source) =>
        _rendered.Add(1, new KeyValuePair<string, object?>("type", type.ToString()), new KeyValuePair<string, object?>("source", source.ToString().ToLowerInvariant()));

    public void SendDuration(TimeSpan duration) => _sendSeconds.Record(duration.TotalSeconds);

    public void QueueMeasured(int waiting, TimeSpan oldestAge)
    {
        Volatile.Write(ref _waiting, waiting);
        Volatile.Write(ref _oldestWaitingSeconds, oldestAge.TotalSeconds);
    }

    private static KeyValuePair<string, object?> Class(EmailErrorClass errorClass) => new("class", errorClass.ToString());
}
