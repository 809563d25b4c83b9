using System.Diagnostics.Metrics;

namespace Messaging.EmailQueue;

/// <summary>Instruments of the email queue; the tenant is never a label.</summary>
public sealed class EmailQueueMetrics
{
    public const string MeterName = "Messaging.EmailQueue";

    private readonly Counter<long> _published;

    public EmailQueueMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("published", "{event}", "Email events committed, by type.");
    }

    public void Published(EmailEventType type) => _published.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));
}
