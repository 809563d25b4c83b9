namespace Messaging.TestSupport;

/// <summary>
/// The RabbitMQ server that etc/scripts/servers-start.sh starts. Each test gets its own exchange and queue names,
/// so tests running side by side never see each other's events. Without the server the test fails, never skips.
/// </summary>
public static class RabbitMqTestServer
{
    private const string Prefix = "RabbitMQ__Connections__Default__";

    public static Dictionary<string, string> SettingsFor(string testName)
    {
        var hostName = Environment.GetEnvironmentVariable(Prefix + "HostName");
        if (string.IsNullOrEmpty(hostName))
        {
            throw new InvalidOperationException(
                $"{Prefix}HostName is not set. Run the tests with etc/scripts/test.sh, which starts the servers they need, " +
                "or run eval \"$(etc/scripts/servers-start.sh)\" before dotnet test.");
        }

        var name = $"{testName}-{Guid.NewGuid():N}";
        return new Dictionary<string, string>
        {
            [Prefix + "HostName"] = hostName,
            [Prefix + "Port"] = Environment.GetEnvironmentVariable(Prefix + "Port") ?? "5672",
            [Prefix + "UserName"] = Environment.GetEnvironmentVariable(Prefix + "UserName") ?? "guest",
            [Prefix + "Password"] = Environment.GetEnvironmentVariable(Prefix + "Password") ?? "guest",
            ["RabbitMQ__EventBus__ClientName"] = name,
            ["RabbitMQ__EventBus__ExchangeName"] = name,
            ["RabbitMQ__EventBus__RetryDelays__0"] = "00:00:00.200",
            ["RabbitMQ__EventBus__RetryDelays__1"] = "00:00:00.400"
        };
    }
}
