using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// The configured provider and <c>ConnectionStrings:Default</c>. Only SQLite has a default (a file under
/// <c>.data/</c>); a server database must be named explicitly.
/// </summary>
public sealed class MessagingConnectionString
{
    public const string DefaultSqlite = "Data Source=.data/messaging.db";

    public MessagingConnectionString(IConfiguration configuration)
    {
        Provider = DatabaseProviderConfiguration.Read(configuration);
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Value = configured;
        }
        else if (Provider == DatabaseProvider.Sqlite)
        {
            Value = DefaultSqlite;
        }
        else
        {
            throw new InvalidOperationException(
                $"{DatabaseProviderConfiguration.Key} is {Provider}, which needs ConnectionStrings:Default; it is not set.");
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolderExists(Value);
        }
    }

    public DatabaseProvider Provider { get; }

    public string Value { get; }

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
