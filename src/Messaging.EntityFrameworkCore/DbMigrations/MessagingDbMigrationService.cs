using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>Brings the schema up to date and seeds; used by the DbMigrator and, when embedded, by the host on start.</summary>
public sealed partial class MessagingDbMigrationService(
    IServiceScopeFactory scopeFactory,
    ILogger<MessagingDbMigrationService> logger)
{
    public async Task<SeedResult> MigrateAndSeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, pending.Count);
        var generated = new List<SeededValue>();
        foreach (var contributor in scope.ServiceProvider.GetServices<IDataSeedContributor>())
        {
            generated.AddRange(await contributor.SeedAsync(cancellationToken));
        }

        return new SeedResult(generated);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, int applied);
}
