using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>The application and EF Core layers on a real database, acting for one tenant at a time.</summary>
public sealed class EmailQueueHarness(GroupCommitHarness inner) : IAsyncDisposable
{
    public GroupCommitHarness Inner { get; } = inner;

    public static async Task<EmailQueueHarness> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null) =>
        new(await GroupCommitHarness.StartAsync(settings, provider: provider));

    public Task<T> AsTenantAsync<T, TService>(Guid tenantId, Func<TService, Task<T>> work)
        where TService : notnull =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(tenantId);
            return await work(services.GetRequiredService<TService>());
        });

    public Task<EmailEventAcceptedDto> PublishAsync(Guid tenantId, Func<IEmailEventPublisher, Task<EmailEventAcceptedDto>> publish) =>
        AsTenantAsync(tenantId, publish);

    public Task<EmailEventDto> GetAsync(Guid tenantId, Guid id) =>
        AsTenantAsync<EmailEventDto, IEmailEventAppService>(tenantId, events => events.GetAsync(id));

    /// <summary>Every stored email event of every tenant, read past the tenant filter.</summary>
    public Task<List<EmailEvent>> StoredEventsAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    public Task<List<string>> OutboxEventNamesAsync(Guid tenantId) =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
            .Where(o => o.TenantId == tenantId).Select(o => o.EventName).ToListAsync());

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
