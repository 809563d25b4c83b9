using System.Collections.Concurrent;
using System.Text;
using Messaging.Backplane;
using Messaging.Infrastructure.Backplane;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Phase 1 and phase 2 as the module wires them, over in-memory stores: for properties that run thousands of cases.</summary>
public sealed class InboundFakes : IAsyncDisposable
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ServiceProvider _services;

    public InboundFakes(IReadOnlyList<EmailRule>? rules = null, IDictionary<string, string?>? settings = null)
    {
        Worker = new InboundWorker(Guid.NewGuid(), TenantId, "router", Secret, InboundEmailAction.Forward, null, true, Clock.GetUtcNow().UtcDateTime);
        Source = new FakeRuleSource(Worker, rules ?? []);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IBackplane, LocalBackplane>()
            .AddSingleton<ISecretProtector, PlainSecretProtector>()
            .AddSingleton<ICurrentTenant, FakeCurrentTenant>()
            .AddSingleton<IInboundRuleSource>(Source)
            .AddSingleton<IInboundEmailStore>(Store)
            .AddSingleton<IInboundBatchWriter>(Writer);
        services.AddOptions<InboundEmailOptions>().Bind(configuration.GetSection(InboundEmailOptions.SectionName));
        services.AddSingleton<InboundEmailMetrics>().AddSingleton<InboundRuleCache>().AddSingleton<InboundTaskProcessor>()
            .AddScoped<InboundWebhookAppService>();
        _services = services.BuildServiceProvider();
    }

    public Guid TenantId { get; } = Guid.NewGuid();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    public InboundWorker Worker { get; }

    public FakeRuleSource Source { get; }

    public FakeInboundEmailStore Store { get; } = new();

    public FakeBatchWriter Writer { get; } = new();

    public InboundTaskProcessor Processor => _services.GetRequiredService<InboundTaskProcessor>();

    public InboundRuleCache Cache => _services.GetRequiredService<InboundRuleCache>();

    public async Task<InboundWebhookAnswer> ReceiveAsync(string webhookId, string body)
    {
        await using var scope = _services.CreateAsyncScope();
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["webhook-id"] = webhookId,
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSignature.SignStandard(InboundWorkerSecret.KeyOf(Secret), webhookId, timestamp, bytes)
        };
        return await scope.ServiceProvider.GetRequiredService<InboundWebhookAppService>()
            .ReceiveAsync(new InboundWebhookRequestDto(Worker.Id, bytes, headers));
    }

    public static EmailRule Rule(Guid tenantId, EmailRuleKind kind, EmailRuleField field, EmailRuleMatchType matchType, string pattern,
        InboundEmailAction action, int order, long? alertThreshold = null)
    {
        var rule = new EmailRule(Guid.NewGuid(), tenantId, kind, DateTime.UtcNow);
        rule.Change(new EmailRuleDefinition(null, $"{kind} {pattern}", field, field == EmailRuleField.Header ? "X-Campaign" : null, matchType,
            pattern, action, null, order, true, alertThreshold, null), DateTime.UtcNow);
        return rule;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

public sealed class FakeRuleSource(InboundWorker worker, IReadOnlyList<EmailRule> rules) : IInboundRuleSource
{
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    public IReadOnlyList<EmailRule> Rules { get; set; } = rules;

    public async Task<(InboundWorker Worker, IReadOnlyList<EmailRule> Rules)?> LoadAsync(Guid workerId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        await Task.Yield();
        return workerId == worker.Id ? (worker, Rules) : null;
    }
}

public sealed class FakeInboundEmailStore : IInboundEmailStore
{
    private readonly ConcurrentDictionary<(Guid, string), InboundEmail> _emails = new();

    public IReadOnlyCollection<InboundEmail> Emails => _emails.Values.ToList();

    public Task<InboundDecision?> TryInsertAsync(InboundEmail email, CancellationToken cancellationToken) =>
        Task.FromResult(_emails.TryAdd((email.WorkerId, email.WebhookId), email) ? null : _emails[(email.WorkerId, email.WebhookId)].Decision);

    public Task<IReadOnlyList<InboundEmail>> ClaimUnprocessedAsync(DateTime receivedBefore, int maxCount, TimeSpan claimFor, int maxAttempts,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InboundEmail>>([]);

    public Task<InboundStats?> FindStatsAsync(CancellationToken cancellationToken) => Task.FromResult<InboundStats?>(null);

    public Task<int> DeleteProcessedBeforeAsync(DateTime receivedBefore, int maxCount, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> DeleteDynamicRulesExpiredBeforeAsync(DateTime expiredBefore, int maxCount, CancellationToken cancellationToken) => Task.FromResult(0);
}

/// <summary>Counts each email once, as the database does; fails the batches <see cref="Fails"/> says to.</summary>
public sealed class FakeBatchWriter : IInboundBatchWriter
{
    private readonly ConcurrentDictionary<Guid, InboundWorkItem> _counted = new();

    public Func<IReadOnlyList<InboundWorkItem>, bool> Fails { get; set; } = _ => false;

    public IReadOnlyCollection<InboundWorkItem> Counted => _counted.Values.ToList();

    public int Batches;

    public Task<InboundBatchResult> WriteAsync(IReadOnlyList<InboundWorkItem> items, InboundBatchSettings settings, DateTime now,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Batches);
        if (Fails(items))
        {
            throw new InvalidOperationException("The database is down.");
        }

        var fresh = items.Where(i => _counted.TryAdd(i.EmailId, i)).Select(i => i.EmailId).ToList();
        return Task.FromResult(new InboundBatchResult(fresh, [], [], 1));
    }
}

public sealed class PlainSecretProtector : ISecretProtector
{
    public string Protect(string secret) => secret;

    public string Unprotect(string protectedSecret) => protectedSecret;
}

public sealed class FakeCurrentTenant : ICurrentTenant
{
    private readonly AsyncLocal<Guid?> _id = new();

    public Guid? Id => _id.Value;

    public TenantTier? Tier => null;

    public IDisposable Change(Guid? tenantId, TenantTier? tier = null)
    {
        var previous = _id.Value;
        _id.Value = tenantId;
        return new Restore(() => _id.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
