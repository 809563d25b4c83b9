using Npgsql;

namespace Messaging.TestSupport;

/// <summary>
/// A database of the test's own on the PostgreSQL server that etc/scripts/servers-start.sh starts (its settings come
/// in ConnectionStrings__PostgreSql), dropped on dispose. Without that server the test fails: it is never skipped.
/// </summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "ConnectionStrings__PostgreSql";
    public const string RequiredVariable = "MESSAGING_TEST_SERVERS";

    private readonly string _server;

    private PostgreSqlTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>For the code under test; pooled.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        var database = new PostgreSqlTestDatabase(ServerConnectionString(), "messaging_test_" + Guid.NewGuid().ToString("N"));
        try
        {
            await database.ExecuteOnServerAsync($"""CREATE DATABASE "{database.Name}" """);
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL server named by {ServerVariable} did not answer. Start it with etc/scripts/servers-start.sh " +
                "(etc/scripts/test.sh does this).", exception);
        }

        return database;
    }

    /// <summary>A connection for the test's own reads, outside any pool, so dropping the database is not held up.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"""DROP DATABASE IF EXISTS "{Name}" WITH (FORCE)""");

    private static string ServerConnectionString()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server)
        {
            return server;
        }

        throw new InvalidOperationException(Environment.GetEnvironmentVariable(RequiredVariable) == "required"
            ? $"{RequiredVariable}=required, but {ServerVariable} is not set: the PostgreSQL server was not started."
            : $"{ServerVariable} is not set. Run the tests with etc/scripts/test.sh, which starts the servers they need, " +
              "or run eval \"$(etc/scripts/servers-start.sh)\" before dotnet test.");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
