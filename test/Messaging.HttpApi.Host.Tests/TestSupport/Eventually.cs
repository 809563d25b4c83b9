using System.Text.Json.Nodes;

namespace Messaging.TestSupport;

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The buffer depth the host reports on its readiness endpoint.</summary>
    public static async Task<int> BufferDepthAsync(this HostProcess host)
    {
        using var client = host.Client();
        using var response = await client.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)!["checks"]!["message-buffer"]!["data"]!["depth"]!.GetValue<int>();
    }
}
