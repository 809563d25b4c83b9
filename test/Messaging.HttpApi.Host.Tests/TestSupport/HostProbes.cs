using System.Globalization;
using System.Text.Json.Nodes;

namespace Messaging.TestSupport;

public static class HostProbes
{
    /// <summary>The buffer depth the host reports on its readiness endpoint (to the host admin: anonymous probes see statuses only).</summary>
    public static async Task<int> BufferDepthAsync(this HostProcess host)
    {
        using var client = host.Client(HostProcess.HostAdminKey);
        using var response = await client.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)!["checks"]!["message-buffer"]!["data"]!["depth"]!.GetValue<int>();
    }

    /// <summary>
    /// Whether the host has stopped admitting sends: its readiness reports the buffer closed, or it no longer takes
    /// connections at all (which it stops doing only once shutdown has begun).
    /// </summary>
    public static async Task<bool> StoppedAdmittingAsync(this HostProcess host)
    {
        using var client = host.Client();
        try
        {
            using var response = await client.GetAsync("health/ready");
            var body = await response.Content.ReadAsStringAsync();
            return JsonNode.Parse(body)?["checks"]?["message-buffer"]?["status"]?.GetValue<string>() == "Unhealthy";
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    /// <summary>
    /// The sum of a metric's series on the host's Prometheus endpoint whose labels include every one of
    /// <paramref name="labels"/> (each written as <c>name="value"</c>); 0 before the first measurement.
    /// </summary>
    public static async Task<double> MetricAsync(this HostProcess host, string name, params string[] labels)
    {
        using var client = host.Client();
        var text = await client.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains('{' + label, StringComparison.Ordinal) || line.Contains(',' + label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}
