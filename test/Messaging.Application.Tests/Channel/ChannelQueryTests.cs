using System.Data.Common;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Channel;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Channel;

public sealed class ChannelQueryTests
{
    [Fact]
    public async Task TheChannelList_LoadsAThousandChannelsInAFixedNumberOfQueries_MoreThan80PercentFewerThanPerChannelLoading()
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await SeedAsync(channel, tenant, channels: 1_000, messagesEach: 3);
        var query = new ChannelListQuery(null, null, null, ChannelSortField.Name, false, 0, 1_000);

        var (batchedCommands, batched) = await ReadCountingAsync(channel, tenant, ChannelListLoading.Batched, query);
        var (naiveCommands, naive) = await ReadCountingAsync(channel, tenant, ChannelListLoading.PerChannel, query);

        batched.Items.Count.ShouldBe(1_000);
        batchedCommands.ShouldBeLessThanOrEqualTo(3);
        naiveCommands.ShouldBeGreaterThanOrEqualTo(3_000);
        (1 - (double)batchedCommands / naiveCommands).ShouldBeGreaterThan(0.8);
        batched.TotalCount.ShouldBe(naive.TotalCount);
        batched.Items.Select(Describe).ShouldBe(naive.Items.Select(Describe));
        batched.Items.ShouldAllBe(s => s.MessageCount == 3 && s.LastMessage!.Sequence == 3 && s.Channel.CreatedBy == "tests");
    }

    [Fact]
    public async Task TheQueryCount_DoesNotGrowWithThePageSize()
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await SeedAsync(channel, tenant, channels: 60, messagesEach: 1);

        var (small, _) = await ReadCountingAsync(channel, tenant, ChannelListLoading.Batched, new ChannelListQuery(null, null, null, ChannelSortField.CreatedAt, true, 0, 5));
        var (large, _) = await ReadCountingAsync(channel, tenant, ChannelListLoading.Batched, new ChannelListQuery(null, null, null, ChannelSortField.CreatedAt, true, 0, 60));

        large.ShouldBe(small);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\"; DROP TABLE \"ChnChannels\"; --")]
    public async Task AFilter_IsMatchedLiterally_NeverAsSqlOrAPattern(string filter)
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await channel.CreateChannelAsync(tenant, "orders");
        await channel.CreateChannelAsync(tenant, $"exactly {filter} here");

        var page = await ListAsync(channel, tenant, new GetChannelListInput { Filter = filter });
        var byTag = await ListAsync(channel, tenant, new GetChannelListInput { Tag = filter });

        page.Items.Select(c => c.Name).ShouldBe([$"exactly {filter} here"]);
        byTag.Items.ShouldBeEmpty();
        (await ListAsync(channel, tenant, new GetChannelListInput())).TotalCount.ShouldBe(2);
    }

    [Theory]
    [InlineData("name; DROP TABLE ChnChannels")]
    [InlineData("Name desc, (SELECT 1)")]
    [InlineData("tenantId")]
    [InlineData("name sideways")]
    public async Task ASortOutsideTheKnownFields_IsRefused(string sorting)
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();

        var refused = await Should.ThrowAsync<InputValidationException>(() => ListAsync(channel, tenant, new GetChannelListInput { Sorting = sorting }));

        refused.Errors.Keys.ShouldBe(["sorting"]);
    }

    [Fact]
    public async Task Channels_AreSortedByTheFieldAsked_AndFilteredByTag()
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await channel.CreateChannelAsync(tenant, "b", "shop");
        await channel.CreateChannelAsync(tenant, "a", "support");
        await channel.CreateChannelAsync(tenant, "c", "shop");
        await channel.CreateChannelAsync(Guid.NewGuid(), "another tenant's", "shop");

        (await ListAsync(channel, tenant, new GetChannelListInput { Sorting = "name" })).Items.Select(c => c.Name).ShouldBe(["a", "b", "c"]);
        (await ListAsync(channel, tenant, new GetChannelListInput { Sorting = "NAME desc" })).Items.Select(c => c.Name).ShouldBe(["c", "b", "a"]);
        (await ListAsync(channel, tenant, new GetChannelListInput { Tag = "shop", Sorting = "name" })).Items.Select(c => c.Name).ShouldBe(["b", "c"]);
    }

    private static Task<Dtos.PagedResultDto<ChannelListItemDto>> ListAsync(ChannelHarness channel, Guid tenant, GetChannelListInput input) =>
        channel.AsTenantAsync<Dtos.PagedResultDto<ChannelListItemDto>, IChannelAppService>(tenant, channels => channels.GetListAsync(input, default));

    private static string Describe(ChannelSummary summary) =>
        $"{summary.Channel.Id}|{summary.Channel.Name}|{summary.MessageCount}|{summary.LastMessage?.Id}|{summary.LastMessage?.Content}";

    private static async Task SeedAsync(ChannelHarness channel, Guid tenant, int channels, int messagesEach)
    {
        await channel.Inner.InScopeAsync(async services =>
        {
            using var scope = services.GetRequiredService<ICurrentTenant>().Change(tenant);
            var db = services.GetRequiredService<MessagingDbContext>();
            for (var i = 0; i < channels; i++)
            {
                var created = Channel.Create(tenant, $"channel {i:0000}", null, ["load"], "tests", DateTime.UtcNow);
                db.Add(created);
                for (var m = 0; m < messagesEach; m++)
                {
                    db.Add(created.Post($"message {m} of {i}", "tests", DateTime.UtcNow));
                }
            }

            await db.SaveChangesAsync();
            return true;
        });
    }

    /// <summary>Reads with a context of its own whose interceptor counts every command it sends, nothing else's.</summary>
    private static async Task<(int Commands, (long TotalCount, IReadOnlyList<ChannelSummary> Items) Page)> ReadCountingAsync(
        ChannelHarness channel, Guid tenant, ChannelListLoading loading, ChannelListQuery query)
    {
        var counter = new CommandCounter();
        var currentTenant = new AsyncLocalCurrentTenant();
        var options = new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(channel.Inner.ConnectionString).AddInterceptors(counter).Options;
        await using var db = new SqliteMessagingDbContext(options, currentTenant);
        using var scope = currentTenant.Change(tenant);
        var reader = new EfCoreChannelListReader(db, new StaticOptionsMonitor<ChannelOptions>(new ChannelOptions { ListLoading = loading }));
        var page = await reader.ReadAsync(query, CancellationToken.None);
        return (counter.Count, page);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
