using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Messaging.EntityFrameworkCore.PostgreSql;

/// <summary>The PostgreSQL context; its migrations are under Migrations/PostgreSql.</summary>
public sealed class PostgreSqlMessagingDbContext(DbContextOptions<PostgreSqlMessagingDbContext> options, ICurrentTenant currentTenant)
    : MessagingDbContext(options, currentTenant);

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model without starting the host. Adding a migration or a script needs no
/// server; commands that connect take the real one with <c>--connection</c>.
/// </summary>
public sealed class PostgreSqlMessagingDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlMessagingDbContext>
{
    private const string ModelOnly = "Host=localhost;Database=messaging";

    public PostgreSqlMessagingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMessagingDbContext>()
                .UseNpgsql(ModelOnly)
                .Options,
            new AsyncLocalCurrentTenant());
}
