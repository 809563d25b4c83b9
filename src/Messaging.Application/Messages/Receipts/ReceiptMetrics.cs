using System.Diagnostics.Metrics;

namespace Messaging.Messages.Receipts;

/// <summary>Receipts by provider and outcome; exported to Prometheus by the host.</summary>
public sealed class ReceiptMetrics(IMeterFactory meterFactory)
{
    public const string MeterName = "Messaging.Receipts";

    private readonly Counter<long> _receipts = meterFactory.Create(MeterName)
        .CreateCounter<long>("handled", "{receipt}", "Delivery receipts by provider and outcome (processed, duplicate, ignored, unverified, unattributed).");

    public void Handled(string provider, string outcome, int count = 1)
    {
        if (count > 0)
        {
            _receipts.Add(count, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
