using Messaging.EmailQueue.Delivery;
using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>The application, EF Core and MailKit layers on a real database, acting for one tenant at a time.</summary>
public sealed class EmailQueueHarness : IAsyncDisposable
{
    private EmailQueueHarness(GroupCommitHarness inner, string pickupFolder)
    {
        Inner = inner;
        PickupFolder = pickupFolder;
    }

    public GroupCommitHarness Inner { get; }

    public string PickupFolder { get; }

    public static async Task<EmailQueueHarness> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var pickup = Directory.CreateTempSubdirectory("messaging-pickup-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["EmailQueue:PickupFolder"] = pickup,
            ["EmailQueue:SendTimeout"] = "00:00:05",
            // The emulator listens on loopback, which the SSRF guard refuses by default.
            ["Delivery:AllowPrivateNetworks"] = "true"
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var inner = await GroupCommitHarness.StartAsync(values, provider: provider);
        return new EmailQueueHarness(inner, pickup);
    }

    public Task<T> AsTenantAsync<T, TService>(Guid tenantId, Func<TService, Task<T>> work)
        where TService : notnull =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(tenantId);
            return await work(services.GetRequiredService<TService>());
        });

    public Task<EmailEventAcceptedDto> PublishAsync(Guid tenantId, Func<IEmailEventPublisher, Task<EmailEventAcceptedDto>> publish) =>
        AsTenantAsync(tenantId, publish);

    /// <summary>Publishes and relays the acceptance event until the event is due for delivery.</summary>
    public async Task<Guid> PublishQueuedAsync(Guid tenantId, string to = "ada@example.com")
    {
        var accepted = await PublishAsync(tenantId, p => p.PublishWelcomeAsync(EmailSamples.Welcome(to)));
        await Eventually.TrueAsync(async () => (await GetAsync(tenantId, accepted.Id)).Status == EmailEventStatus.Queued,
            TimeSpan.FromSeconds(10), "the event is queued");
        return accepted.Id;
    }

    public Task<EmailEventDto> GetAsync(Guid tenantId, Guid id) =>
        AsTenantAsync<EmailEventDto, IEmailEventAppService>(tenantId, events => events.GetAsync(id));

    /// <summary>Points the tenant at the emulator, in plain text.</summary>
    public Task UseSmtpAsync(Guid tenantId, SmtpEmulator emulator) =>
        AsTenantAsync<SmtpSettingsDto, IEmailSmtpSettingsAppService>(tenantId,
            smtp => smtp.SetAsync(new SetSmtpSettingsDto { Host = "127.0.0.1", Port = emulator.Port, TlsMode = SmtpTlsMode.None, From = "shop@example.com" }));

    /// <summary>One delivery round, as the worker runs it.</summary>
    public Task<int> DeliverAsync() => Inner.Services.GetRequiredService<EmailDelivery>().DeliverOnceAsync(CancellationToken.None);

    /// <summary>Brings every waiting event's next attempt to now, as if its backoff had passed.</summary>
    public Task MakeDueAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>().IgnoreQueryFilters()
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DueAt, DateTime.UtcNow.AddSeconds(-1))));

    /// <summary>Every stored email event of every tenant, read past the tenant filter.</summary>
    public Task<List<EmailEvent>> StoredEventsAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    public Task<List<string>> OutboxEventNamesAsync(Guid tenantId) =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
            .Where(o => o.TenantId == tenantId).Select(o => o.EventName).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        Directory.Delete(PickupFolder, recursive: true);
    }
}
