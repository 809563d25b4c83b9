using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.Messages;
using Messaging.Messages.Feed;
using Messaging.MultiTenancy;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Messaging;

/// <summary>
/// The feed's and the statistics' SQL, as EF Core generates it, explained by PostgreSQL over a migrated table of
/// 300,000 messages of two tenants: each reads a range of its index, never the whole table.
/// </summary>
public sealed class FeedQueryPlanTests(FeedQueryPlanTests.MessagesTable table) : IClassFixture<FeedQueryPlanTests.MessagesTable>
{
    private const string FeedIndex = "IX_MsgMessages_TenantId_AcceptedAt_Id";

    [Fact]
    public async Task FirstPage_ScansTheFeedIndex()
    {
        var plan = await table.ExplainAsync(reader => reader.Page(new MessageFeedFilter(), null, 51).ToListAsync());

        ShouldScan(plan, FeedIndex);
    }

    [Fact]
    public async Task PageAfterACursor_StartsItsIndexRangeAtTheCursor()
    {
        var cursor = new MessageFeedPosition(MessagesTable.Start.AddDays(12), Guid.CreateVersion7());

        var plan = await table.ExplainAsync(reader => reader.Page(new MessageFeedFilter(), cursor, 51).ToListAsync());

        ShouldScan(plan, FeedIndex);
        plan.ShouldContain("Index Cond: ((\"TenantId\" = ", Case.Sensitive, plan);
        plan.ShouldContain("(\"AcceptedAt\" <= ", Case.Sensitive, plan);
    }

    [Fact]
    public async Task FilteredPages_ScanTheirFilterIndex()
    {
        var failed = await table.ExplainAsync(reader => reader.Page(new MessageFeedFilter(Status: MessageStatus.Failed), null, 51).ToListAsync());
        var recipient = await table.ExplainAsync(reader => reader.Page(new MessageFeedFilter(Recipient: "+14150000042"), null, 51).ToListAsync());
        var range = await table.ExplainAsync(reader => reader.Page(
            new MessageFeedFilter(Channel: MessageChannel.Email, From: MessagesTable.Start.AddDays(3), To: MessagesTable.Start.AddDays(4)), null, 51).ToListAsync());

        ShouldScan(failed, "IX_MsgMessages_TenantId_Status_AcceptedAt_Id");
        ShouldScan(recipient, "IX_MsgMessages_TenantId_Recipient_AcceptedAt_Id");
        ShouldScan(range, FeedIndex);
    }

    [Theory]
    [InlineData(StatisticsBucket.Minute, 1)]
    [InlineData(StatisticsBucket.Hour, 24)]
    [InlineData(StatisticsBucket.Day, 7)]
    public async Task Statistics_ReadOnlyTheRequestedRangeOfTheFeedIndex(StatisticsBucket bucket, int hours)
    {
        var from = MessagesTable.Start.AddDays(10);

        var plan = await table.ExplainAsync(reader => reader.Counts(from, from.AddHours(hours), bucket, null).ToListAsync());

        ShouldScan(plan, FeedIndex);
        plan.ShouldContain("\"AcceptedAt\" >= ", Case.Sensitive, plan);
        plan.ShouldContain("\"AcceptedAt\" < ", Case.Sensitive, plan);
    }

    private static void ShouldScan(string plan, string index)
    {
        plan.ShouldMatch($"Index (Only )?Scan( Backward)? using \"{index}\" on \"MsgMessages\"", plan);
        plan.ShouldNotContain("Seq Scan", Case.Sensitive, plan);
    }

    /// <summary>A migrated database with the messages, and EXPLAIN of the commands EF Core sends for a query.</summary>
    public sealed class MessagesTable : IAsyncLifetime
    {
        public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly Guid Tenant = Guid.Parse("00000000-0000-0000-0000-000000000001");

        private PostgreSqlTestDatabase _database = null!;

        public async Task InitializeAsync()
        {
            _database = await PostgreSqlTestDatabase.CreateAsync();
            await using (var db = StoredMessages.Context(DatabaseProvider.PostgreSql, _database.ConnectionString, new AsyncLocalCurrentTenant()))
            {
                await db.Database.MigrateAsync();
            }

            await using var connection = await _database.OpenAsync();
            await using var fill = new NpgsqlCommand(FillSql, connection) { CommandTimeout = 600 };
            await fill.ExecuteNonQueryAsync();
            await using var analyze = new NpgsqlCommand("""VACUUM ANALYZE "MsgMessages" """, connection) { CommandTimeout = 600 };
            await analyze.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync() => await _database.DisposeAsync();

        /// <summary>Runs the query as tenant 1 and answers PostgreSQL's plan of the SQL EF Core sent for it.</summary>
        public async Task<string> ExplainAsync(Func<EfCoreMessageFeedReader, Task> query)
        {
            var currentTenant = new AsyncLocalCurrentTenant();
            var captured = new CommandCapture();
            using (currentTenant.Change(Tenant))
            await using (var db = new PostgreSqlMessagingDbContext(new DbContextOptionsBuilder<PostgreSqlMessagingDbContext>()
                             .UseNpgsql(_database.ConnectionString).AddInterceptors(captured).Options, currentTenant))
            {
                await query(new EfCoreMessageFeedReader(db));
            }

            var sent = captured.Commands.LastOrDefault() ?? throw new InvalidOperationException("The query sent no command.");
            return (await QueryPlans.ExplainAsync(_database, [sent])).Single();
        }

        // Tenant 1 has half of the rows, tenant 2 the rest, over 30 days; one in 1,000 failed, 10,000 recipients each.
        private static readonly string FillSql = $"""
            INSERT INTO "MsgMessages" ("Id", "TenantId", "Channel", "Recipient", "Content", "Priority", "RequestHash", "AcceptedAt",
                "Status", "StatusChangedAt", "DispatchAttempts", "FailureCode")
            SELECT gen_random_uuid(), ('00000000-0000-0000-0000-00000000000' || (1 + i % 2))::uuid,
                   (ARRAY['Sms', 'Sms', 'WhatsApp', 'Email', 'Webhook'])[1 + i % 5], '+1415' || lpad((i % 10000)::text, 7, '0'),
                   'Your order has shipped', 'Normal', md5(i::text),
                   timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + (i::float8 / 300000) * interval '30 days',
                   CASE WHEN i % 1000 = 7 THEN 'Failed' ELSE 'Delivered' END,
                   timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + (i::float8 / 300000) * interval '30 days', 1,
                   CASE WHEN i % 1000 = 7 THEN 'invalid-number' END
            FROM generate_series(1, 300000) i
            """;
    }
}
