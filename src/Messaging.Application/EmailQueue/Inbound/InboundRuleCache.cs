using Messaging.Backplane;
using Messaging.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// Each worker's rule set, loaded once per fill and compiled then, in this process only (it holds the signing key). A
/// change of a tenant's rules or workers drops that tenant's sets here at once and on every other instance through the
/// backplane; the TTL bounds what a lost announcement can leave stale.
/// </summary>
public sealed class InboundRuleCache
{
    /// <summary>Backplane channel on which every instance hears which tenant's rules or workers changed.</summary>
    public const string ChangedChannel = "email-queue.inbound-rules";

    private readonly IServiceScopeFactory _scopes;
    private readonly IBackplane _backplane;
    private readonly IOptionsMonitor<InboundEmailOptions> _options;
    private readonly RuleCache<Guid, InboundRuleSet> _cache;

    private readonly InboundEmailMetrics _metrics;

    public InboundRuleCache(IServiceScopeFactory scopes, IBackplane backplane, IOptionsMonitor<InboundEmailOptions> options, InboundEmailMetrics metrics,
        TimeProvider clock)
    {
        _metrics = metrics;
        _scopes = scopes;
        _backplane = backplane;
        _options = options;
        _cache = new RuleCache<Guid, InboundRuleSet>(clock, () => options.CurrentValue.RuleCacheTtl, () => options.CurrentValue.RuleCacheMaxEntries);
    }

    public Task<InboundRuleSet?> GetAsync(Guid workerId, CancellationToken cancellationToken) =>
        _cache.GetOrLoadAsync(workerId, LoadAsync, cancellationToken);

    /// <summary>Reads the rules from the database every time: the synchronous mode's way, the seed's "before".</summary>
    public Task<InboundRuleSet?> LoadAsync(Guid workerId, CancellationToken cancellationToken) => LoadFromDatabaseAsync(workerId, cancellationToken);

    public async Task TenantChangedAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        ForgetTenant(tenantId);
        await _backplane.PublishAsync(ChangedChannel, tenantId.ToString("N"), cancellationToken);
    }

    public void ForgetTenant(Guid tenantId) => _cache.InvalidateWhere(set => set.TenantId == tenantId);

    public RuleCacheStatsDto Stats()
    {
        var (hits, misses) = (_cache.Hits, _cache.Misses);
        var options = _options.CurrentValue;
        return new RuleCacheStatsDto(_cache.Count, options.RuleCacheMaxEntries, hits, misses,
            hits + misses == 0 ? 0 : Math.Round(hits / (double)(hits + misses), 4), _cache.Evictions, options.RuleCacheTtl.TotalSeconds);
    }

    private async Task<InboundRuleSet?> LoadFromDatabaseAsync(Guid workerId, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<IInboundRuleSource>().LoadAsync(workerId, cancellationToken);
        _metrics.Statements("rules", loaded is null ? 1 : 2);
        if (loaded is not { } found)
        {
            return null;
        }

        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var timeout = _options.CurrentValue.RegexMatchTimeout;
        return new InboundRuleSet(found.Worker.Id, found.Worker.TenantId, found.Worker.Enabled,
            InboundWorkerSecret.KeyOf(protector.Unprotect(found.Worker.ProtectedSecret)), found.Worker.DefaultAction, found.Worker.DefaultTarget,
            found.Rules.Select(rule => CompiledEmailRule.Compile(rule, timeout)).ToList());
    }
}

/// <summary>Makes a rule or worker change on another instance reach this instance's cache at once.</summary>
public sealed class InboundRuleCacheListener(IBackplane backplane, InboundRuleCache cache) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await backplane.SubscribeAsync(InboundRuleCache.ChangedChannel, payload =>
        {
            if (Guid.TryParseExact(payload, "N", out var tenantId))
            {
                cache.ForgetTenant(tenantId);
            }

            return Task.CompletedTask;
        }, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
