using System.Text.RegularExpressions;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EventBus;

/// <summary>The outbox bulk writer a module's batch store writes its events with, inside its own transaction, on each database.</summary>
public partial class OutboxBulkWriterTests
{
    private static readonly DateTime CreatedAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1230);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteOutboxBulkWriter))]
    [InlineData(DatabaseProvider.PostgreSql, typeof(PostgreSqlOutboxBulkWriter))]
    public async Task TheConfiguredDatabasesWriter_WritesEveryEvent_AsEfCoreReadsItBack(DatabaseProvider provider, Type writerType)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var events = Events(250);

        await harness.InScopeAsync(async services =>
        {
            var writer = services.GetRequiredService<IOutboxBulkWriter>();
            writer.ShouldBeOfType(writerType);
            var db = services.GetRequiredService<MessagingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await writer.WriteAsync(transaction.GetDbTransaction(), events, CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });

        var stored = await StoredAsync(harness, events);
        stored.Select(e => e.Id).ShouldBe(events.Select(e => e.Id), ignoreOrder: true);
        foreach (var (written, read) in events.Join(stored, e => e.Id, e => e.Id, (written, read) => (written, read)))
        {
            read.ShouldSatisfyAllConditions(
                () => read.EventName.ShouldBe(written.EventName),
                () => read.Payload.ShouldBe(written.Payload),
                () => read.TenantId.ShouldBe(written.TenantId),
                () => read.CorrelationId.ShouldBe(written.CorrelationId),
                () => read.TraceParent.ShouldBe(written.TraceParent),
                () => read.CreatedAt.ShouldBe(written.CreatedAt),
                () => read.FailedAttempts.ShouldBe(0),
                () => read.SentAt.ShouldBeNull(),
                () => read.DeadLetteredAt.ShouldBeNull());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task RollingBackTheCallersTransaction_LeavesNoEvent(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var events = Events(40);

        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await services.GetRequiredService<IOutboxBulkWriter>().WriteAsync(transaction.GetDbTransaction(), events, CancellationToken.None);
            await transaction.RollbackAsync();
            return 0;
        });

        (await StoredAsync(harness, events)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task AnEventTheDatabaseRefuses_FailsTheWholeWrite_SoTheCallersTransactionKeepsNoneOfIt(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var events = Events(10);
        var duplicate = events[3];

        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Should.ThrowAsync<Exception>(services.GetRequiredService<IOutboxBulkWriter>()
                .WriteAsync(transaction.GetDbTransaction(), [.. events, duplicate], CancellationToken.None));
            await transaction.RollbackAsync();
            return 0;
        });

        (await StoredAsync(harness, events)).ShouldBeEmpty();
    }

    [Fact]
    public void TheColumnsRawStatementsWrite_AreTheModelsOwn_AndEveryRequiredOne()
    {
        var listed = QuotedName().Matches(EventBusDbProperties.OutboxInsertColumns).Select(match => match.Groups[1].Value).ToList();

        foreach (var context in (MessagingDbContext[])[
                     new SqliteMessagingDbContextFactory().CreateDbContext([]),
                     new PostgreSqlMessagingDbContextFactory().CreateDbContext([]),
                     new SqlServerMessagingDbContextFactory().CreateDbContext([])])
        {
            using (context)
            {
                var outbox = context.Model.FindEntityType(typeof(OutboxMessage))!;
                var columns = outbox.GetProperties().ToDictionary(p => p.GetColumnName());
                outbox.GetTableName().ShouldBe(EventBusDbProperties.OutboxTable);
                listed.ShouldAllBe(name => columns.ContainsKey(name));
                columns.Where(column => !column.Value.IsNullable).Select(column => column.Key).ShouldBeSubsetOf(listed);
            }
        }
    }

    private static List<OutboxMessage> Events(int count)
    {
        var tenant = Guid.NewGuid();
        return Enumerable.Range(0, count)
            .Select(i => new OutboxMessage(Guid.NewGuid(), $"messaging.test.event-{i % 3}", $$"""{"n":{{i}},"text":"é ✓"}""",
                i % 5 == 0 ? null : tenant, i % 2 == 0 ? $"corr-{i}" : null, i % 2 == 1 ? $"00-{i:x32}-{i:x16}-01" : null, CreatedAt.AddSeconds(i)))
            .ToList();
    }

    private static Task<List<OutboxMessage>> StoredAsync(GroupCommitHarness harness, IReadOnlyList<OutboxMessage> events) =>
        harness.InScopeAsync(services =>
        {
            var ids = events.Select(e => e.Id).ToList();
            return services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync();
        });

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();
}
