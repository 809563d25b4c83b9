using Messaging.EmailQueue.Inbound;
using Messaging.EntityFrameworkCore.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

/// <summary>
/// Writes a phase-2 batch in one transaction: it marks the batch's emails processed where nobody has yet (under the
/// database's row locks, so two instances never count one email twice), keeps only those, and adds their aggregated
/// statistics with one statement per kind: counts per tenant (upsert), per rule (one UPDATE with CASE), watch hits (one
/// UPDATE with CASE), campaigns and subjects (upserts). Upserts are <c>INSERT ... ON CONFLICT DO UPDATE</c> on SQLite and
/// PostgreSQL and <c>MERGE</c> on SQL Server.
/// </summary>
public sealed class EfCoreInboundBatchWriter(MessagingDbContext db) : IInboundBatchWriter
{
    /// <summary>Rows per statement, within SQL Server's 2,100 parameters.</summary>
    private const int MaxRowsPerStatement = 250;

    public async Task<InboundBatchResult> WriteAsync(IReadOnlyList<InboundWorkItem> items, InboundBatchSettings settings, DateTime now,
        CancellationToken cancellationToken)
    {
        var statements = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = items.Select(i => i.EmailId).ToList();
        var batch = Guid.NewGuid();
        var emails = db.Set<InboundEmail>().IgnoreQueryFilters();
        var marked = await emails.Where(e => ids.Contains(e.Id) && e.ProcessedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.ProcessedBatch, batch), cancellationToken);
        statements++;
        var fresh = items;
        if (marked < items.Count)
        {
            var counted = (await emails.Where(e => e.ProcessedBatch == batch).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            statements++;
            fresh = items.Where(i => counted.Contains(i.EmailId)).ToList();
        }

        var totals = InboundBatchTotals.Of(fresh);
        statements += await AddTenantCountsAsync(totals.Tenants, now, cancellationToken);
        statements += await AddRuleCountsAsync(totals.Rules, cancellationToken);
        statements += await AddWatchHitsAsync(totals.WatchHits, now, cancellationToken);
        statements += await AddCampaignsAsync(totals.Campaigns, cancellationToken);
        statements += await AddSubjectsAsync(totals.Subjects, now - settings.DynamicRuleWindow, now, cancellationToken);
        var (watchCounts, watchStatements) = await ReadAlertingWatchCountsAsync(totals.WatchHits, cancellationToken);
        statements += watchStatements;
        var (dynamicTenants, dynamicStatements) = await AddDynamicRulesAsync(totals.Subjects, settings, now, cancellationToken);
        statements += dynamicStatements;
        await transaction.CommitAsync(cancellationToken);
        return new InboundBatchResult(fresh.Select(i => i.EmailId).ToList(), watchCounts, dynamicTenants, statements);
    }

    private Task<int> AddTenantCountsAsync(IReadOnlyList<TenantActionCounts> tenants, DateTime now, CancellationToken cancellationToken) =>
        UpsertAsync(EmailQueueDbProperties.InboundStatsTable, ["TenantId"],
            ["TenantId", "Forwarded", "Deleted", "Dropped", "Tagged", "UpdatedAt"],
            [
                ("Forwarded", "{t}.\"Forwarded\" + {s}.\"Forwarded\""), ("Deleted", "{t}.\"Deleted\" + {s}.\"Deleted\""),
                ("Dropped", "{t}.\"Dropped\" + {s}.\"Dropped\""), ("Tagged", "{t}.\"Tagged\" + {s}.\"Tagged\""), ("UpdatedAt", "{s}.\"UpdatedAt\"")
            ],
            tenants.Select(t => new object[] { t.TenantId, t.Forwarded, t.Deleted, t.Dropped, t.Tagged, now }).ToList(), cancellationToken);

    private async Task<int> AddRuleCountsAsync(IReadOnlyList<RuleCounts> rules, CancellationToken cancellationToken)
    {
        var statements = 0;
        foreach (var chunk in rules.Chunk(MaxRowsPerStatement))
        {
            var parameters = new Parameters(db);
            var ids = chunk.Select(rule => parameters.Add(rule.RuleId)).ToList();
            var sql = InboundBatchSql.IncrementById(EmailQueueDbProperties.RulesTable, ids,
                [("ProcessedCount", chunk.Select(rule => parameters.Add(rule.Processed)).ToList()),
                 ("DeletedCount", chunk.Select(rule => parameters.Add(rule.Deleted)).ToList())], []);
            await db.Database.ExecuteSqlRawAsync(sql, parameters.Values, cancellationToken);
            statements++;
        }

        return statements;
    }

    private async Task<int> AddWatchHitsAsync(IReadOnlyList<(Guid RuleId, long Hits)> hits, DateTime now, CancellationToken cancellationToken)
    {
        var statements = 0;
        foreach (var chunk in hits.Chunk(MaxRowsPerStatement))
        {
            var parameters = new Parameters(db);
            var ids = chunk.Select(hit => parameters.Add(hit.RuleId)).ToList();
            var sql = InboundBatchSql.IncrementById(EmailQueueDbProperties.RulesTable, ids,
                [("HitCount", chunk.Select(hit => parameters.Add(hit.Hits)).ToList())], [("LastHitAt", parameters.Add(now))]);
            await db.Database.ExecuteSqlRawAsync(sql, parameters.Values, cancellationToken);
            statements++;
        }

        return statements;
    }

    private Task<int> AddCampaignsAsync(IReadOnlyList<CampaignCount> campaigns, CancellationToken cancellationToken) =>
        UpsertAsync(EmailQueueDbProperties.InboundCampaignsTable, ["TenantId", "Key"],
            ["TenantId", "Key", "Sender", "Subject", "Count", "FirstSeenAt", "LastSeenAt"],
            [("Count", "{t}.\"Count\" + {s}.\"Count\""), ("LastSeenAt", "{s}.\"LastSeenAt\"")],
            campaigns.Select(c => new object[] { c.TenantId, c.Key, c.Sender, c.Subject, c.Count, c.FirstSeenAt, c.LastSeenAt }).ToList(),
            cancellationToken);

    /// <summary>A subject's window restarts when it began before <paramref name="windowStart"/>.</summary>
    private Task<int> AddSubjectsAsync(IReadOnlyList<SubjectCount> subjects, DateTime windowStart, DateTime now, CancellationToken cancellationToken)
    {
        var start = SqliteAware(windowStart);
        return UpsertAsync(EmailQueueDbProperties.InboundSubjectsTable, ["TenantId", "Key"],
            ["TenantId", "Key", "Subject", "WindowStartedAt", "Count"],
            [
                ("Count", "CASE WHEN {t}.\"WindowStartedAt\" < {start} THEN {s}.\"Count\" ELSE {t}.\"Count\" + {s}.\"Count\" END"),
                ("WindowStartedAt", "CASE WHEN {t}.\"WindowStartedAt\" < {start} THEN {s}.\"WindowStartedAt\" ELSE {t}.\"WindowStartedAt\" END")
            ],
            subjects.Select(s => new object[] { s.TenantId, s.Key, s.Subject, now, s.Count }).ToList(), cancellationToken, start);
    }

    private async Task<(IReadOnlyList<WatchRuleCount>, int)> ReadAlertingWatchCountsAsync(IReadOnlyList<(Guid RuleId, long Hits)> hits,
        CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return ([], 0);
        }

        var ids = hits.Select(h => h.RuleId).ToList();
        var counts = await db.Set<EmailRule>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.AlertThreshold != null)
            .Select(r => new WatchRuleCount(r.Id, r.TenantId, r.Name, r.HitCount, r.AlertThreshold!.Value))
            .ToListAsync(cancellationToken);
        return (counts, 1);
    }

    private async Task<(IReadOnlyList<Guid>, int)> AddDynamicRulesAsync(IReadOnlyList<SubjectCount> subjects, InboundBatchSettings settings, DateTime now,
        CancellationToken cancellationToken)
    {
        if (subjects.Count == 0)
        {
            return ([], 0);
        }

        var keys = subjects.Select(s => s.Key).Distinct().ToList();
        var tenants = subjects.Select(s => s.TenantId).Distinct().ToList();
        var over = (await db.Set<InboundSubjectTrack>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => keys.Contains(s.Key) && tenants.Contains(s.TenantId) && s.Count > settings.DynamicRuleThreshold)
                .ToListAsync(cancellationToken))
            .Where(s => subjects.Any(b => b.TenantId == s.TenantId && b.Key == s.Key))
            .ToList();
        if (over.Count == 0)
        {
            return ([], 1);
        }

        var patterns = over.Select(s => s.Subject).Distinct().ToList();
        var existing = await db.Set<EmailRule>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Kind == EmailRuleKind.Dynamic && patterns.Contains(r.Pattern) && tenants.Contains(r.TenantId) && r.ExpiresAt > now)
            .Select(r => new { r.TenantId, r.Pattern })
            .ToListAsync(cancellationToken);
        var created = new List<Guid>();
        foreach (var subject in over.Where(s => !existing.Any(e => e.TenantId == s.TenantId && e.Pattern == s.Subject)))
        {
            var rule = new EmailRule(Guid.CreateVersion7(), subject.TenantId, EmailRuleKind.Dynamic, now);
            rule.Change(new EmailRuleDefinition(null, $"Repeated subject ({subject.Count} in the window)", EmailRuleField.Subject, null,
                EmailRuleMatchType.Exact, subject.Subject, settings.DynamicRuleAction, null, int.MaxValue, true, null, now + settings.DynamicRuleLifetime), now);
            db.Set<EmailRule>().Add(rule);
            created.Add(subject.TenantId);
        }

        if (created.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return (created.Distinct().ToList(), created.Count > 0 ? 3 : 2);
    }

    private async Task<int> UpsertAsync(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<(string Column, string Expression)> updates, IReadOnlyList<object[]> rows, CancellationToken cancellationToken,
        object? start = null)
    {
        var statements = 0;
        foreach (var chunk in rows.Chunk(MaxRowsPerStatement))
        {
            var parameters = new Parameters(db);
            var startParameter = start is null ? "" : parameters.AddRaw(start);
            var values = chunk.Select(row => (IReadOnlyList<string>)row.Select(parameters.Add).ToList()).ToList();
            var sql = InboundBatchSql.Upsert(db.Database.IsSqlServer(), table, keys, columns, updates, values, startParameter);
            await db.Database.ExecuteSqlRawAsync(sql, parameters.Values, cancellationToken);
            statements++;
        }

        return statements;
    }

    private object SqliteAware(DateTime value) => db.Database.IsSqlite() ? SqliteValues.DateTime(value) : value;

    /// <summary>Positional parameters in EF Core's <c>{n}</c> form, with the values SQLite stores (text Guids and times) converted as EF Core does.</summary>
    private sealed class Parameters(MessagingDbContext db)
    {
        private readonly bool _sqlite = db.Database.IsSqlite();
        private readonly List<object> _values = [];

        public object[] Values => _values.ToArray();

        public string Add(object value) => AddRaw(_sqlite
            ? value switch
            {
                Guid guid => SqliteValues.Guid(guid),
                DateTime time => SqliteValues.DateTime(time),
                _ => value
            }
            : value);

        public string AddRaw(object value)
        {
            _values.Add(value);
            return $"{{{_values.Count - 1}}}";
        }
    }
}
