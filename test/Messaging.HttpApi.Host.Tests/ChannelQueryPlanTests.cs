using Messaging.Channel;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Channel;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.MultiTenancy;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Messaging;

/// <summary>
/// The Channel module's SQL, as EF Core generates it, explained by PostgreSQL over migrated tables of 4,000 channels,
/// 400,000 messages and 200,000 delayed messages of two tenants: the list, the history and the delayed-message scans
/// each read a range of their index, never a whole table.
/// </summary>
public sealed class ChannelQueryPlanTests(ChannelQueryPlanTests.ChannelTables tables) : IClassFixture<ChannelQueryPlanTests.ChannelTables>
{
    [Theory]
    [InlineData(ChannelSortField.CreatedAt, "IX_ChnChannels_TenantId_CreatedAt")]
    [InlineData(ChannelSortField.Name, "IX_ChnChannels_TenantId_Name")]
    [InlineData(ChannelSortField.LastMessageAt, "IX_ChnChannels_TenantId_LastMessageAt")]
    public async Task TheListsPage_ScansTheIndexOfItsOrder_AndItsLastMessages_TheMessagesIndex(ChannelSortField sort, string index)
    {
        var plans = await tables.ExplainAsync(db => new EfCoreChannelListReader(db, new BatchedLoading())
            .ReadAsync(new ChannelListQuery(null, null, null, sort, true, 0, 50), CancellationToken.None));

        plans.Count.ShouldBe(3);
        ShouldScan(plans[1], index, "ChnChannels");
        ShouldScan(plans[2], "IX_ChnMessages_TenantId_ChannelId_Sequence", "ChnMessages");
    }

    [Fact]
    public async Task AHistoryPage_ReadsItsRangeOfTheMessagesIndex()
    {
        var plans = await tables.ExplainAsync(db => new EfCoreChannelRepository(db).ListMessagesAsync(ChannelTables.Channel, 60, 51, CancellationToken.None));

        ShouldScan(plans.Single(), "IX_ChnMessages_TenantId_ChannelId_Sequence", "ChnMessages");
        plans.Single().ShouldContain("\"Sequence\" < ", Case.Sensitive);
    }

    [Fact]
    public async Task TheDelayedMessageClaim_ScansDueMessagesByTheirTime()
    {
        var plans = await tables.ExplainAsync(db => new EfCoreDelayedMessageStore(db, TimeProvider.System).ClaimDueAsync(100, TimeSpan.FromSeconds(30), CancellationToken.None));

        ShouldScan(plans[0], "IX_ChnDelayedMessages_Status_DeliverAt", "ChnDelayedMessages");
    }

    [Fact]
    public async Task TheCleanup_ReadsTheRangeOfFinishedMessagesOnly()
    {
        var plans = await tables.ExplainAsync(db => new EfCoreDelayedMessageStore(db, TimeProvider.System)
            .DeleteFinishedBeforeAsync(ChannelTables.Start.AddDays(1), 1000, CancellationToken.None));

        plans.Count.ShouldBe(2);
        ShouldScan(plans[0], "IX_ChnDelayedMessages_FinishedAt", "ChnDelayedMessages");
        plans[1].ShouldMatch("(Index Scan using|Bitmap Index Scan on) \"PK_ChnDelayedMessages\"", plans[1]);
        plans[1].ShouldNotContain("Seq Scan", Case.Sensitive, plans[1]);
    }

    private static void ShouldScan(string plan, string index, string table)
    {
        plan.ShouldMatch($"Index (Only )?Scan( Backward)? using \"{index}\" on \"{table}\"", plan);
        plan.ShouldNotContain($"Seq Scan on \"{table}\"", Case.Sensitive, plan);
    }

    /// <summary>A migrated database with the Channel tables filled, and EXPLAIN of every command EF Core sends for a piece of work.</summary>
    public sealed class ChannelTables : IAsyncLifetime
    {
        public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        public static readonly Guid Tenant = Guid.Parse("00000000-0000-0000-0000-000000000001");
        public static readonly Guid Channel = Guid.Parse("00000000-0000-0000-0001-000000000002");

        private PostgreSqlTestDatabase _database = null!;

        public async Task InitializeAsync()
        {
            _database = await PostgreSqlTestDatabase.CreateAsync();
            await using (var db = StoredMessages.Context(DatabaseProvider.PostgreSql, _database.ConnectionString, new AsyncLocalCurrentTenant()))
            {
                await db.Database.MigrateAsync();
            }

            await using var connection = await _database.OpenAsync();
            foreach (var sql in new[] { FillSql, """VACUUM ANALYZE "ChnChannels", "ChnMessages", "ChnDelayedMessages" """ })
            {
                await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
                await command.ExecuteNonQueryAsync();
            }
        }

        public async Task DisposeAsync() => await _database.DisposeAsync();

        /// <summary>Runs the work as tenant 1 and answers PostgreSQL's plan of each command EF Core sent for it.</summary>
        public async Task<List<string>> ExplainAsync(Func<MessagingDbContext, Task> work)
        {
            var currentTenant = new AsyncLocalCurrentTenant();
            var captured = new CommandCapture();
            using (currentTenant.Change(Tenant))
            await using (var db = new PostgreSqlMessagingDbContext(new DbContextOptionsBuilder<PostgreSqlMessagingDbContext>()
                             .UseNpgsql(_database.ConnectionString).AddInterceptors(captured).Options, currentTenant))
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await work(db);
                await transaction.RollbackAsync();
            }

            return await QueryPlans.ExplainAsync(_database, captured.Commands);
        }

        // Two tenants with 2,000 channels each (channel n has id n), 100 messages per channel, 50 delayed messages per channel
        // of which one in 50 still waits.
        private static readonly string FillSql = $"""
            INSERT INTO "ChnChannels" ("Id", "TenantId", "Name", "Description", "Tags", "CreatedBy", "CreatedAt", "UpdatedAt", "IsArchived",
                "LastSequence", "LastMessageAt")
            SELECT ('00000000-0000-0000-0001-' || lpad(to_hex(c), 12, '0'))::uuid, ('00000000-0000-0000-0000-00000000000' || (1 + c % 2))::uuid,
                   'channel ' || c, NULL, ARRAY['load'], 'tests',
                   timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + c * interval '1 minute', timestamptz '{Start:yyyy-MM-dd} 00:00:00+00', false,
                   100, timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + (c % 977) * interval '1 hour'
            FROM generate_series(1, 4000) c;
            INSERT INTO "ChnMessages" ("Id", "TenantId", "ChannelId", "Sequence", "Content", "PostedBy", "PostedAt")
            SELECT gen_random_uuid(), ('00000000-0000-0000-0000-00000000000' || (1 + c % 2))::uuid,
                   ('00000000-0000-0000-0001-' || lpad(to_hex(c), 12, '0'))::uuid, s, 'message ' || s, 'tests',
                   timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + s * interval '1 minute'
            FROM generate_series(1, 4000) c, generate_series(1, 100) s;
            INSERT INTO "ChnDelayedMessages" ("Id", "TenantId", "ChannelId", "Content", "PostedBy", "DeliverAt", "CreatedAt", "Status", "FinishedAt")
            SELECT gen_random_uuid(), ('00000000-0000-0000-0000-00000000000' || (1 + c % 2))::uuid,
                   ('00000000-0000-0000-0001-' || lpad(to_hex(c), 12, '0'))::uuid, 'later', 'tests',
                   timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + d * interval '1 hour', timestamptz '{Start:yyyy-MM-dd} 00:00:00+00',
                   CASE WHEN d % 50 = 0 THEN 'Waiting' ELSE 'Delivered' END,
                   CASE WHEN d % 50 = 0 THEN NULL ELSE timestamptz '{Start:yyyy-MM-dd} 00:00:00+00' + d * interval '1 hour' END
            FROM generate_series(1, 4000) c, generate_series(1, 50) d;
            """;
    }

    private sealed class BatchedLoading : Microsoft.Extensions.Options.IOptionsMonitor<ChannelOptions>
    {
        public ChannelOptions CurrentValue { get; } = new();

        public ChannelOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ChannelOptions, string?> listener) => null;
    }
}
