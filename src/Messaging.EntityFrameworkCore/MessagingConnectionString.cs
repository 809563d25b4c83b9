using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Messaging.EntityFrameworkCore;

/// <summary>The configured <c>ConnectionStrings:Default</c>, or the embedded default under <c>.data/</c>.</summary>
public sealed class MessagingConnectionString
{
    public const string DefaultSqlite = "Data Source=.data/messaging.db";

    public MessagingConnectionString(IConfiguration configuration)
    {
        Value = configuration.GetConnectionString("Default") is { Length: > 0 } configured ? configured : DefaultSqlite;
        EnsureSqliteFolderExists(Value);
    }

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
