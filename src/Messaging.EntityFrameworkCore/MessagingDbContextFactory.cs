using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Messaging.EntityFrameworkCore;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the host.</summary>
public sealed class MessagingDbContextFactory : IDesignTimeDbContextFactory<MessagingDbContext>
{
    public MessagingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MessagingDbContext>()
            .UseSqlite(MessagingConnectionString.DefaultSqlite)
            .Options;
        return new MessagingDbContext(options, new AsyncLocalCurrentTenant());
    }
}
