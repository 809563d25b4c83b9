using System.Text;
using Messaging.BackgroundJobs;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Infrastructure.Http;
using Messaging.Infrastructure.Messages;
using Messaging.Infrastructure.Security;
using Messaging.Messages;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.TestSupport;

/// <summary>
/// Receipts and callbacks as the host wires them over a real database, with the tenants' provider endpoints held in a
/// small resolver of the test's own (provider configuration is another module's). Messages are put in the Sent state
/// through the domain's own transitions and stored directly.
/// </summary>
public sealed class ReceiptHarness : IAsyncDisposable
{
    private ReceiptHarness(GroupCommitHarness inner, TestProviderEndpoints endpoints, RecordingJobManager jobs)
    {
        Inner = inner;
        Endpoints = endpoints;
        Jobs = jobs;
    }

    /// <summary>Jobs the code under test enqueued or scheduled; run them with <see cref="RunJobAsync{TJob,TArgs}"/>.</summary>
    public RecordingJobManager Jobs { get; }

    public Task RunJobAsync<TJob, TArgs>(TArgs args)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(args.TenantId);
            await services.GetRequiredService<TJob>().ExecuteAsync(args, CancellationToken.None);
            return true;
        });

    /// <summary>Sets the tenant's status callback through its app service.</summary>
    public Task<MessageCallbackDto> SetCallbackAsync(Guid tenantId, SetMessageCallbackDto input) => InTenantAsync(tenantId,
        callbacks => callbacks.SetAsync(input));

    public Task<T> InTenantAsync<T>(Guid tenantId, Func<IMessageCallbackAppService, Task<T>> work) =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(tenantId);
            return await work(services.GetRequiredService<IMessageCallbackAppService>());
        });

    public GroupCommitHarness Inner { get; }

    public TestProviderEndpoints Endpoints { get; }

    public static async Task<ReceiptHarness> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null)
    {
        var endpoints = new TestProviderEndpoints();
        var jobs = new RecordingJobManager();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var inner = await GroupCommitHarness.StartAsync(settings, services =>
        {
            services.AddSingleton<IProviderEndpointResolver>(endpoints);
            services.AddSingleton<IBackgroundJobManager>(jobs);
            services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
            services.AddTenantSuppliedHttpClient(configuration);
            services.AddScoped<IStatusCallbackSender, HttpStatusCallbackSender>();
        }, provider);
        return new ReceiptHarness(inner, endpoints, jobs);
    }

    /// <summary>Stores a message that a provider took: accepted, queued, sending, then sent under the provider's id.</summary>
    public async Task<Message> InsertSentMessageAsync(Guid tenantId, MessageChannel channel, string provider, string providerMessageId)
    {
        var now = DateTime.UtcNow;
        var recipient = channel switch
        {
            MessageChannel.Webhook => "https://receiver.example.com/hook",
            MessageChannel.Email => "someone@example.com",
            _ => "+14155550123"
        };
        var message = Message.Accept(tenantId, channel, recipient, "hello", MessagePriority.Normal, null, null, now);
        message.MarkQueued(now, now).ShouldBeTrue();
        message.MarkSending(now).ShouldBeTrue();
        message.MarkSent(provider, providerMessageId, now).ShouldBeTrue();
        await Inner.InScopeAsync(async services =>
            await services.GetRequiredService<IMessageRepository>().TryInsertAsync(message, TestMessages.AcceptedEvent(message)));
        return message;
    }

    public Task<MessageReceiptResultDto> ReceiveAsync(string provider, byte[] body, IDictionary<string, string> headers) =>
        Inner.InScopeAsync(services => services.GetRequiredService<IMessageReceiptAppService>().ReceiveAsync(
            new InboundReceiptDto(provider, body, new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase))));

    /// <summary>The stored message with its history, read in its tenant.</summary>
    public Task<Message> StoredAsync(Message message) =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(message.TenantId);
            return (await services.GetRequiredService<IMessageRepository>().FindWithHistoryAsync(message.Id))!;
        });

    public Task<int> ProcessedReceiptCountAsync(Guid tenantId) =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>()
            .Set<Messaging.Messages.Receipts.ProcessedReceipt>().IgnoreQueryFilters().CountAsync(r => r.TenantId == tenantId));

    public Task<List<OutboxMessage>> StatusEventsAsync(Guid tenantId) =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
            .Where(o => o.TenantId == tenantId && o.EventName == "messages.message-status-changed").ToListAsync());

    /// <summary>Runs one callback delivery round, as the worker would.</summary>
    public Task<int> DeliverCallbacksAsync() =>
        Inner.Services.GetRequiredService<StatusCallbackDelivery>().DeliverOnceAsync(CancellationToken.None);

    public Task<List<PendingStatusCallback>> PendingCallbacksAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<PendingStatusCallback>().AsNoTracking().ToListAsync());

    /// <summary>Brings every pending callback's next attempt to now, as if its backoff had passed.</summary>
    public Task MakeCallbacksDueAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<PendingStatusCallback>()
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.DueAt, DateTime.UtcNow.AddSeconds(-1))));

    /// <summary>Our receipt format, signed now (or at <paramref name="signedAt"/>) with <paramref name="secret"/>.</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) SignedReceipt(string secret, string receiptId, string providerMessageId,
        string status, string? errorCode = null, DateTimeOffset? signedAt = null)
    {
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            receiptId,
            providerMessageId,
            status,
            errorCode,
            errorMessage = errorCode is null ? null : "Unknown subscriber",
            occurredAt = DateTimeOffset.UtcNow
        }));
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return (body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, body)
        });
    }

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}

/// <summary>Provider endpoints by tenant and channel, as a provider configuration module would resolve them.</summary>
public sealed class TestProviderEndpoints : IProviderEndpointResolver
{
    private readonly Dictionary<(Guid, MessageChannel), ProviderEndpoint> _endpoints = [];

    public string Configure(Guid tenantId, MessageChannel channel, string provider)
    {
        var secret = $"secret-{provider}-{Guid.NewGuid():N}";
        lock (_endpoints)
        {
            _endpoints[(tenantId, channel)] = new ProviderEndpoint(provider, null, null, null, secret);
        }

        return secret;
    }

    public Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken)
    {
        lock (_endpoints)
        {
            return Task.FromResult(_endpoints.GetValueOrDefault((tenantId, channel)));
        }
    }
}

/// <summary>Records the jobs enqueued and scheduled, for a test to inspect and run; nothing runs by itself.</summary>
public sealed class RecordingJobManager : IBackgroundJobManager
{
    private readonly List<(object Args, TimeSpan? Delay)> _jobs = [];

    public IReadOnlyList<(object Args, TimeSpan? Delay)> Jobs
    {
        get
        {
            lock (_jobs)
            {
                return _jobs.ToList();
            }
        }
    }

    public string Enqueue<TJob, TArgs>(TArgs args, BackgroundJobPriority priority = BackgroundJobPriority.Normal)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs => Record(args, null);

    public string Schedule<TJob, TArgs>(TArgs args, TimeSpan delay)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs => Record(args, delay);

    public void AddOrUpdateRecurring<TJob, TArgs>(string recurringJobId, TArgs args, string cronExpression)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs
    {
    }

    private string Record(object args, TimeSpan? delay)
    {
        lock (_jobs)
        {
            _jobs.Add((args, delay));
            return _jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
