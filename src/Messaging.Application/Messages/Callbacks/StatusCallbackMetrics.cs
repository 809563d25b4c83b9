using System.Diagnostics.Metrics;

namespace Messaging.Messages.Callbacks;

/// <summary>Status callback posts by outcome; exported to Prometheus by the host.</summary>
public sealed class StatusCallbackMetrics(IMeterFactory meterFactory)
{
    public const string MeterName = "Messaging.Callbacks";

    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string GivenUp = "given_up";
    public const string Refused = "refused";
    public const string Dropped = "dropped";

    private readonly Counter<long> _posts = meterFactory.Create(MeterName)
        .CreateCounter<long>("posts", "{post}", "Status callback posts by outcome (delivered, retrying, given_up, refused, dropped).");

    public void Posted(string outcome) => _posts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
