using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Channel;

/// <summary>The Channel module's application and EF Core layers on a real database, acting for one tenant at a time.</summary>
public sealed class ChannelHarness : IAsyncDisposable
{
    private ChannelHarness(GroupCommitHarness inner) => Inner = inner;

    public GroupCommitHarness Inner { get; }

    public static async Task<ChannelHarness> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, IDictionary<string, string?>? settings = null) =>
        new(await GroupCommitHarness.StartAsync(settings, provider: provider));

    public Task<T> AsTenantAsync<T, TService>(Guid tenantId, Func<TService, Task<T>> work)
        where TService : notnull =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(tenantId);
            return await work(services.GetRequiredService<TService>());
        });

    public Task<ChannelDto> CreateChannelAsync(Guid tenantId, string name = "orders", params string[] tags) =>
        AsTenantAsync<ChannelDto, IChannelAppService>(tenantId, channels => channels.CreateAsync(new CreateChannelDto { Name = name, Tags = tags }, default));

    public Task<ChannelPostResultDto> PostAsync(Guid tenantId, Guid channelId, string content, DateTime? deliverAt = null) =>
        AsTenantAsync<ChannelPostResultDto, IChannelMessageAppService>(tenantId,
            messages => messages.PostAsync(channelId, new PostChannelMessageDto { Content = content, DeliverAt = deliverAt }, default));

    /// <summary>One delivery round of delayed messages, as a worker runs it.</summary>
    public Task<int> DeliverAsync() => Inner.Services.GetRequiredService<DelayedMessageDelivery>().DeliverOnceAsync(CancellationToken.None);

    /// <summary>Brings every waiting delayed message's time to now, as if it had come.</summary>
    public Task MakeDueAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<DelayedMessage>().IgnoreQueryFilters()
            .Where(d => d.Status == DelayedMessageStatus.Waiting)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.DeliverAt, DateTime.UtcNow.AddSeconds(-1))));

    public Task<List<ChannelMessage>> StoredMessagesAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<ChannelMessage>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    public Task<List<DelayedMessage>> StoredDelayedAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<DelayedMessage>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
