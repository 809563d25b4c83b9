using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;

namespace Messaging.Channel;

public sealed class DelayedMessageTests
{
    public static TheoryData<DatabaseProvider> Databases => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DueMessages_ArePostedOnce_WhenTwoWorkersRaceForThem(DatabaseProvider database)
    {
        await using var channel = await ChannelHarness.StartAsync(database);
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        var scheduled = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var result = await channel.PostAsync(tenant, created.Id, $"later {i}", DateTime.UtcNow.AddHours(1));
            scheduled.Add(result.DelayedMessage!.Id);
        }

        await channel.MakeDueAsync();
        while (await Task.WhenAll(channel.DeliverAsync(), channel.DeliverAsync()) is var rounds && rounds.Sum() > 0)
        {
        }

        var messages = await channel.StoredMessagesAsync();
        messages.Select(m => m.DelayedMessageId).ShouldBe(scheduled.Cast<Guid?>(), ignoreOrder: true);
        messages.Select(m => m.Sequence).Order().ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
        (await channel.StoredDelayedAsync()).ShouldAllBe(d => d.Status == DelayedMessageStatus.Delivered && d.Sequence != null);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TheDelayedList_IsInDueOrder_FilteredByStatus_PagedAndScopedToTheTenant(DatabaseProvider database)
    {
        await using var channel = await ChannelHarness.StartAsync(database);
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        var other = await channel.CreateChannelAsync(tenant, "other");
        var start = DateTime.UtcNow.AddHours(1);
        var ids = new List<Guid>();
        foreach (var hours in new[] { 5, 1, 4, 2, 3 })
        {
            ids.Add((await channel.PostAsync(tenant, created.Id, $"in {hours}h", start.AddHours(hours))).DelayedMessage!.Id);
        }

        await channel.PostAsync(tenant, other.Id, "elsewhere", start);
        var cancelled = ids[0];
        await channel.AsTenantAsync<DelayedMessageDto, IChannelMessageAppService>(tenant, m => m.CancelDelayedAsync(created.Id, cancelled, CancellationToken.None));

        var all = await ListAsync(channel, tenant, created.Id, new GetDelayedMessagesInput());
        var waiting = await ListAsync(channel, tenant, created.Id, new GetDelayedMessagesInput { Status = DelayedMessageStatus.Waiting });
        var secondPage = await ListAsync(channel, tenant, created.Id, new GetDelayedMessagesInput { SkipCount = 2, MaxResultCount = 2 });
        var badPaging = await Should.ThrowAsync<InputValidationException>(() =>
            ListAsync(channel, tenant, created.Id, new GetDelayedMessagesInput { SkipCount = -1, MaxResultCount = 0 }));
        var anotherTenants = await Should.ThrowAsync<EntityNotFoundException>(() => ListAsync(channel, Guid.NewGuid(), created.Id, new GetDelayedMessagesInput()));

        all.TotalCount.ShouldBe(5);
        all.Items.Select(d => d.Content).ShouldBe(["in 1h", "in 2h", "in 3h", "in 4h", "in 5h"]);
        waiting.TotalCount.ShouldBe(4);
        waiting.Items.ShouldNotContain(d => d.Id == cancelled);
        secondPage.TotalCount.ShouldBe(5);
        secondPage.Items.Select(d => d.Content).ShouldBe(["in 3h", "in 4h"]);
        badPaging.Errors.Keys.ShouldBe(["maxResultCount", "skipCount"], ignoreOrder: true);
        anotherTenants.ShouldNotBeNull();
    }

    private static Task<Messaging.Dtos.PagedResultDto<DelayedMessageDto>> ListAsync(ChannelHarness channel, Guid tenant, Guid channelId,
        GetDelayedMessagesInput input) =>
        channel.AsTenantAsync<Messaging.Dtos.PagedResultDto<DelayedMessageDto>, IChannelMessageAppService>(tenant,
            messages => messages.GetDelayedListAsync(channelId, input, CancellationToken.None));

    [Fact]
    public async Task AMessageNotYetDue_IsNotPosted()
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        await channel.PostAsync(tenant, created.Id, "tomorrow", DateTime.UtcNow.AddDays(1));

        (await channel.DeliverAsync()).ShouldBe(0);
        (await channel.StoredMessagesAsync()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TheTenantsCap_HoldsUnderConcurrentPosts_AndARefusalStoresNothing(DatabaseProvider database)
    {
        await using var channel = await ChannelHarness.StartAsync(database, new Dictionary<string, string?> { ["Channel:DelayedMessages:MaxWaitingPerTenant"] = "20" });
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        var refusals = new System.Collections.Concurrent.ConcurrentBag<TooManyRequestsException>();

        await Parallel.ForAsync(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (i, _) =>
        {
            try
            {
                await channel.PostAsync(tenant, created.Id, $"flood {i}", DateTime.UtcNow.AddHours(1));
            }
            catch (TooManyRequestsException refused)
            {
                refusals.Add(refused);
            }
        });

        var stored = await channel.StoredDelayedAsync();
        stored.Count.ShouldBe(20);
        refusals.Count.ShouldBe(40);
        refusals.ShouldAllBe(r => r.Code == ChannelErrorCodes.DelayedQueueFull && r.RetryAfter > TimeSpan.Zero);

        var otherTenant = Guid.NewGuid();
        var other = await channel.CreateChannelAsync(otherTenant);
        (await channel.PostAsync(otherTenant, other.Id, "mine", DateTime.UtcNow.AddHours(1))).DelayedMessage.ShouldNotBeNull();
    }

    [Fact]
    public async Task Cancelling_GivesThePlaceBack_IsRepeatable_AndIsRefusedOnceDelivered()
    {
        await using var channel = await ChannelHarness.StartAsync(settings: new Dictionary<string, string?> { ["Channel:DelayedMessages:MaxWaitingPerTenant"] = "1" });
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        var first = (await channel.PostAsync(tenant, created.Id, "one", DateTime.UtcNow.AddHours(1))).DelayedMessage!;
        await Should.ThrowAsync<TooManyRequestsException>(() => channel.PostAsync(tenant, created.Id, "two", DateTime.UtcNow.AddHours(1)));

        var cancelled = await CancelAsync(channel, tenant, created.Id, first.Id);
        var again = await CancelAsync(channel, tenant, created.Id, first.Id);
        var second = (await channel.PostAsync(tenant, created.Id, "two", DateTime.UtcNow.AddHours(1))).DelayedMessage!;
        await channel.MakeDueAsync();
        await channel.DeliverAsync();

        cancelled.Status.ShouldBe(DelayedMessageStatus.Cancelled);
        again.ShouldBe(cancelled);
        var refused = await Should.ThrowAsync<DelayedMessageNotCancellableException>(() => CancelAsync(channel, tenant, created.Id, second.Id));
        refused.ProblemExtensions["delayedMessageStatus"].ShouldBe("Delivered");
        await Should.ThrowAsync<EntityNotFoundException>(() => CancelAsync(channel, Guid.NewGuid(), created.Id, second.Id));
        (await channel.StoredMessagesAsync()).Single().Content.ShouldBe("two");
    }

    [Fact]
    public async Task AMessageForAnArchivedChannel_ExpiresInsteadOfBeingPosted()
    {
        await using var channel = await ChannelHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        await channel.PostAsync(tenant, created.Id, "later", DateTime.UtcNow.AddHours(1));
        await channel.AsTenantAsync<ChannelDto, IChannelAppService>(tenant,
            channels => channels.UpdateAsync(created.Id, new UpdateChannelDto { Name = "orders", IsArchived = true }, default));

        await channel.MakeDueAsync();
        await channel.DeliverAsync();

        (await channel.StoredDelayedAsync()).Single().Status.ShouldBe(DelayedMessageStatus.Expired);
        (await channel.StoredMessagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheCleanup_DeletesFinishedMessagesInBatches_AndLeavesWaitingOnes()
    {
        await using var channel = await ChannelHarness.StartAsync(settings: new Dictionary<string, string?> { ["Channel:DelayedMessages:FinishedRetention"] = "00:00:00" });
        var tenant = Guid.NewGuid();
        var created = await channel.CreateChannelAsync(tenant);
        for (var i = 0; i < 1_005; i++)
        {
            await channel.PostAsync(tenant, created.Id, $"m{i}", DateTime.UtcNow.AddHours(1));
        }

        await channel.MakeDueAsync();
        while (await channel.DeliverAsync() > 0)
        {
        }

        var waiting = await channel.PostAsync(tenant, created.Id, "still waiting", DateTime.UtcNow.AddHours(1));
        BackgroundJobs.SweepReport? report = null;
        await channel.Inner.RunJobAsync<CleanupDelayedMessagesJob>(async job => report = await job.RunAsync(CancellationToken.None));

        report.ShouldNotBeNull();
        report.Deleted.ShouldBe(1_005);
        report.Batches.ShouldBe(2);
        (await channel.StoredDelayedAsync()).Single().Id.ShouldBe(waiting.DelayedMessage!.Id);
        (await channel.StoredMessagesAsync()).Count.ShouldBe(1_005);
    }

    [Fact]
    public async Task TheCronSecret_IsComparedWhole()
    {
        ChannelCronAppService.IsAuthorized("s3cret", "Bearer s3cret").ShouldBeTrue();
        ChannelCronAppService.IsAuthorized("s3cret", "bearer s3cret").ShouldBeTrue();
        ChannelCronAppService.IsAuthorized("s3cret", "Bearer s3cre").ShouldBeFalse();
        ChannelCronAppService.IsAuthorized("s3cret", "Bearer s3cret2").ShouldBeFalse();
        ChannelCronAppService.IsAuthorized("s3cret", "s3cret").ShouldBeFalse();
        ChannelCronAppService.IsAuthorized("s3cret", null).ShouldBeFalse();
        ChannelCronAppService.IsAuthorized(null, "Bearer ").ShouldBeFalse();
        ChannelCronAppService.IsAuthorized("", "Bearer ").ShouldBeFalse();
        await Task.CompletedTask;
    }

    private static Task<DelayedMessageDto> CancelAsync(ChannelHarness channel, Guid tenant, Guid channelId, Guid id) =>
        channel.AsTenantAsync<DelayedMessageDto, IChannelMessageAppService>(tenant, messages => messages.CancelDelayedAsync(channelId, id, default));
}
