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
}
