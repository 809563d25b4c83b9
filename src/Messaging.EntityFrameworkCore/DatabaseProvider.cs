using Microsoft.Extensions.Configuration;

namespace Messaging.EntityFrameworkCore;

/// <summary>The database engine behind <c>ConnectionStrings:Default</c>, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer
}

public static class DatabaseProviderConfiguration
{
    public const string Key = "Database:Provider";

    public static DatabaseProvider Read(IConfiguration configuration)
    {
        var configured = configuration[Key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"{Key} is '{configured}'; it must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }
}
