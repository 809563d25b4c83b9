using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Messaging.EntityFrameworkCore.SqlServer;

/// <summary>The SQL Server context; its migrations are under Migrations/SqlServer.</summary>
public sealed class SqlServerMessagingDbContext(DbContextOptions<SqlServerMessagingDbContext> options, ICurrentTenant currentTenant)
    : MessagingDbContext(options, currentTenant);

/// <summary>
/// Lets <c>dotnet ef</c> build the SQL Server model without starting the host. Adding a migration or a script needs
/// no server; commands that connect take the real one with <c>--connection</c>.
/// </summary>
public sealed class SqlServerMessagingDbContextFactory : IDesignTimeDbContextFactory<SqlServerMessagingDbContext>
{
    private const string ModelOnly = "Server=localhost;Database=Messaging;Integrated Security=true;TrustServerCertificate=true";

    public SqlServerMessagingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMessagingDbContext>()
                .UseSqlServer(ModelOnly)
                .Options,
            new AsyncLocalCurrentTenant());
}
