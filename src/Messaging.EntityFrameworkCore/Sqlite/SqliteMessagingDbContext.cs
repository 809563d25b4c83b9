using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Messaging.EntityFrameworkCore.Sqlite;

/// <summary>The SQLite context; its migrations are under Migrations/Sqlite.</summary>
public sealed class SqliteMessagingDbContext(DbContextOptions<SqliteMessagingDbContext> options, ICurrentTenant currentTenant)
    : MessagingDbContext(options, currentTenant);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the host.</summary>
public sealed class SqliteMessagingDbContextFactory : IDesignTimeDbContextFactory<SqliteMessagingDbContext>
{
    public SqliteMessagingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(MessagingConnectionString.DefaultSqlite).Options,
            new AsyncLocalCurrentTenant());
}
