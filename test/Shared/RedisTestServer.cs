namespace Messaging.TestSupport;

/// <summary>
/// The Redis server that etc/scripts/servers-start.sh starts (its address comes in Redis__Configuration). Tests that
/// use it keep to keys of their own. Without the server the test fails: it is never skipped.
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
