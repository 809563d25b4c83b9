using System.Security.Cryptography;
using System.Text;

namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// A batch's increments aggregated in memory, so each kind is one statement whatever the batch's size: counts per tenant
/// and action, per rule, per watch rule, per sender and subject, per subject.
/// </summary>
public sealed class InboundBatchTotals
{
    private InboundBatchTotals()
    {
    }

    public IReadOnlyList<TenantActionCounts> Tenants { get; private init; } = [];

    public IReadOnlyList<RuleCounts> Rules { get; private init; } = [];

    public IReadOnlyList<(Guid RuleId, long Hits)> WatchHits { get; private init; } = [];

    public IReadOnlyList<CampaignCount> Campaigns { get; private init; } = [];

    public IReadOnlyList<SubjectCount> Subjects { get; private init; } = [];

    public static InboundBatchTotals Of(IReadOnlyCollection<InboundWorkItem> items) => new()
    {
        Tenants = items.GroupBy(i => i.TenantId).Select(g => new TenantActionCounts(g.Key,
            g.Count(i => i.Decision.Action == InboundEmailAction.Forward), g.Count(i => i.Decision.Action == InboundEmailAction.Delete),
            g.Count(i => i.Decision.Action == InboundEmailAction.Drop), g.Count(i => i.Decision.Action == InboundEmailAction.Tag))).ToArray(),
        Rules = items.Where(i => i.Decision.RuleId is not null).GroupBy(i => i.Decision.RuleId!.Value)
            .Select(g => new RuleCounts(g.Key, g.Count(), g.Count(i => i.Decision.Action == InboundEmailAction.Delete))).ToArray(),
        WatchHits = items.SelectMany(i => i.WatchHits).GroupBy(id => id).Select(g => (g.Key, (long)g.Count())).ToArray(),
        Campaigns = items.GroupBy(i => (i.TenantId, Key: Key(i.Sender + "\n" + i.Subject)))
            .Select(g => new CampaignCount(g.Key.TenantId, g.Key.Key, g.First().Sender, g.First().Subject, g.Count(),
                g.Min(i => i.ReceivedAt), g.Max(i => i.ReceivedAt))).ToArray(),
        Subjects = items.Where(i => i.Subject.Length > 0).GroupBy(i => (i.TenantId, Key: Key(i.Subject)))
            .Select(g => new SubjectCount(g.Key.TenantId, g.Key.Key, g.First().Subject, g.Count())).ToArray()
    };

    /// <summary>SHA-256 in lowercase hex of the text without case, so the index stays short whatever the subject.</summary>
    public static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToLowerInvariant())));
}

public sealed record TenantActionCounts(Guid TenantId, long Forwarded, long Deleted, long Dropped, long Tagged);

public sealed record RuleCounts(Guid RuleId, long Processed, long Deleted);

public sealed record CampaignCount(Guid TenantId, string Key, string Sender, string Subject, long Count, DateTime FirstSeenAt, DateTime LastSeenAt);

public sealed record SubjectCount(Guid TenantId, string Key, string Subject, long Count);
