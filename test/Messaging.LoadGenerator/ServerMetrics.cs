using System.Globalization;

namespace Messaging.LoadGenerator;

/// <summary>Reads the host's Prometheus text at /metrics over a connection of its own.</summary>
public static class ServerMetrics
{
    private const string ActiveConnections = "microsoft_aspnetcore_server_kestrel_kestrel_active_connections";

    /// <summary>Kestrel's active-connection gauge summed over its label sets, or null when it cannot be read.</summary>
    public static async Task<long?> ActiveConnectionsAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            var text = await client.GetStringAsync("metrics", cancellationToken);
            return Sum(text, ActiveConnections);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"  could not read /metrics: {exception.Message}");
            return null;
        }
    }

    public static long? Sum(string prometheusText, string metricName)
    {
        double? total = null;
        foreach (var rawLine in prometheusText.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (!line.StartsWith(metricName, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line.AsSpan(metricName.Length);
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var valueStart = rest[0] == '{' ? rest.IndexOf('}') + 1 : 0;
            var fields = rest[valueStart..].Trim().ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                total = (total ?? 0) + value;
            }
        }

        return total is null ? null : (long)Math.Round(total.Value);
    }
}
