namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// What phase 1 needs of one worker, as the rule cache holds it: the worker, its verification key, and its tenant's
/// rules that apply to it, compiled and in order. Immutable, so a cached set is shared by concurrent requests.
/// </summary>
public sealed class InboundRuleSet
{
    public InboundRuleSet(Guid workerId, Guid tenantId, bool enabled, byte[] signingKey, InboundEmailAction defaultAction, string? defaultTarget,
        IReadOnlyList<CompiledEmailRule> rules)
    {
        WorkerId = workerId;
        TenantId = tenantId;
        Enabled = enabled;
        SigningKey = signingKey;
        DefaultAction = defaultAction;
        DefaultTarget = defaultTarget;
        Filters = rules.Where(r => r.Kind != EmailRuleKind.Watch).OrderBy(r => r.Order).ThenBy(r => r.Id).ToArray();
        Watches = rules.Where(r => r.Kind == EmailRuleKind.Watch).ToArray();
    }

    public Guid WorkerId { get; }

    public Guid TenantId { get; }

    public bool Enabled { get; }

    public byte[] SigningKey { get; }

    public InboundEmailAction DefaultAction { get; }

    public string? DefaultTarget { get; }

    /// <summary>Filter and dynamic rules in evaluation order.</summary>
    public IReadOnlyList<CompiledEmailRule> Filters { get; }

    public IReadOnlyList<CompiledEmailRule> Watches { get; }

    /// <summary>The first filter rule that matches decides; without one, the worker's default.</summary>
    public InboundDecision Decide(InboundEmailFacts email, DateTime now)
    {
        foreach (var rule in Filters)
        {
            if (rule.Matches(email, now))
            {
                return new InboundDecision(rule.Action, rule.Id, rule.Target);
            }
        }

        return new InboundDecision(DefaultAction, null, DefaultTarget);
    }

    public IReadOnlyList<Guid> WatchHits(InboundEmailFacts email, DateTime now) =>
        Watches.Where(rule => rule.Matches(email, now)).Select(rule => rule.Id).ToArray();
}
