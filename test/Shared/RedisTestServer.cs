namespace Messaging.TestSupport;

/// <summary>
/// The Redis server that etc/scripts/servers-start.sh starts (its address comes in Redis__Configuration). Tests give
/// their keys a prefix of their own, so tests running side by side never see each other's. Without the server the
/// test fails, never skips.
/// </summary>
public static class RedisTestServer
{
    public const string ServerVariable = "Redis__Configuration";

    public static string Configuration()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configuration)
        {
            return configuration;
        }

        throw new InvalidOperationException(Environment.GetEnvironmentVariable(PostgreSqlTestDatabase.RequiredVariable) == "required"
            ? $"{PostgreSqlTestDatabase.RequiredVariable}=required, but {ServerVariable} is not set: the Redis server was not started."
            : $"{ServerVariable} is not set. Run the tests with etc/scripts/test.sh, which starts the servers they need, " +
              "or run eval \"$(etc/scripts/servers-start.sh)\" before dotnet test.");
    }
}
