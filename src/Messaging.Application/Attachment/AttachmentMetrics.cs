using System.Diagnostics.Metrics;

namespace Messaging.Attachment;

/// <summary>Instruments of the Attachment module; the tenant is never a label.</summary>
public sealed class AttachmentMetrics
{
    public const string MeterName = "Messaging.Attachment";

    private readonly Counter<long> _uploads;
    private readonly Counter<long> _uploadedBytes;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _storageRetries;
    private readonly Counter<long> _sweeps;
    private readonly Counter<long> _orphans;
    private readonly Histogram<double> _processingSeconds;
    private volatile IReadOnlyList<QueueDepth> _depths = [];

    public AttachmentMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _uploads = meter.CreateCounter<long>("uploads", "{upload}", "Uploads by outcome (accepted, too_large, type_refused, storage_unavailable, failed).");
        _uploadedBytes = meter.CreateCounter<long>("uploaded_bytes", "By", "Bytes of accepted uploads.");
        _processed = meter.CreateCounter<long>("processed", "{job}", "Jobs finished, by processor and outcome (completed, failed).");
        _retried = meter.CreateCounter<long>("retried", "{attempt}", "Failed processing attempts followed by another, by processor.");
        _storageRetries = meter.CreateCounter<long>("storage_retries", "{attempt}", "Blob storage operations tried again after a failure.");
        _sweeps = meter.CreateCounter<long>("sweeps", "{sweep}", "Orphan sweeps run.");
        _orphans = meter.CreateCounter<long>("orphans_deleted", "{blob}", "Blobs without an attachment deleted by the sweep.");
        _processingSeconds = meter.CreateHistogram<double>("processing_duration", "s", "Time of one processing attempt, by processor.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        meter.CreateObservableGauge("queue.depth", () => _depths.Select(d =>
                new Measurement<int>(d.Waiting, new KeyValuePair<string, object?>("priority", d.Priority))),
            "{job}", "Jobs queued or processing, by priority, as last measured.");
    }

    public void Uploaded(string outcome, long bytes = 0)
    {
        _uploads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (bytes > 0)
        {
            _uploadedBytes.Add(bytes);
        }
    }

    public void Processed(string processor, bool completed, TimeSpan duration)
    {
        _processed.Add(1, new KeyValuePair<string, object?>("processor", processor), new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed"));
        _processingSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("processor", processor));
    }

    public void Retried(string processor, TimeSpan duration)
    {
        _retried.Add(1, new KeyValuePair<string, object?>("processor", processor));
        _processingSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("processor", processor));
    }

    public void StorageRetried() => _storageRetries.Add(1);

    public void Swept(int orphansDeleted)
    {
        _sweeps.Add(1);
        _orphans.Add(orphansDeleted);
    }

    public void QueueMeasured(IReadOnlyList<QueueDepth> depths) => _depths = depths;
}
