using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.Messages.Ingestion;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Messaging.Messages;

public class GroupCommitTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Send_IsAcknowledgedOnlyAfterItsRowIsStored(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();

        var accepted = await harness.IngestAsync(TestMessages.Sms(tenant));

        (await harness.StoredMessagesAsync(tenant)).ShouldHaveSingleItem().Id.ShouldBe(accepted.TrackingId);
        harness.Buffer.Depth.ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ManyConcurrentSends_AreWrittenInFewerBatchesThanMessages(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 2000)
            .Select(i => harness.IngestAsync(TestMessages.Sms(tenant, $"m{i}"))));

        var stored = await harness.StoredMessagesAsync(tenant);
        stored.Select(s => s.Id).ShouldBe(accepted.Select(a => a.TrackingId), ignoreOrder: true);
    }

    [Fact]
    public async Task StorageDown_RefusesWith503AndAcknowledgesNothing()
    {
        var store = Substitute.For<IMessageBatchStore>();
        store.InsertBatchAsync(default!, default).ThrowsAsyncForAnyArgs(new IOException("disk gone"));
        await using var harness = await GroupCommitHarness.StartAsync(replace: services => services.AddSingleton(store));

        var refusal = await Should.ThrowAsync<ServiceUnavailableException>(
            harness.IngestAsync(TestMessages.Sms(Guid.NewGuid())));

        refusal.Code.ShouldBe(MessagingErrorCodes.StorageUnavailable);
        refusal.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        harness.Buffer.Depth.ShouldBe(0);
        await store.ReceivedWithAnyArgs(4).InsertBatchAsync(default!, default);
    }

    [Fact]
    public async Task TransientStorageFailure_IsRetriedAndTheSendSucceeds()
    {
        var attempts = 0;
        var store = Substitute.For<IMessageBatchStore>();
        store.InsertBatchAsync(default!, default).ReturnsForAnyArgs(_ =>
            ++attempts == 1
                ? Task.FromException<IReadOnlyList<BatchInsertOutcome>>(new IOException("busy"))
                : Task.FromResult<IReadOnlyList<BatchInsertOutcome>>([BatchInsertOutcome.Stored]));
        await using var harness = await GroupCommitHarness.StartAsync(replace: services => services.AddSingleton(store));

        var accepted = await harness.IngestAsync(TestMessages.Sms(Guid.NewGuid()));

        accepted.Status.ShouldBe(MessageStatus.Accepted);
        attempts.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Stopping_DrainsAndCommitsEverythingBuffered_ThenRefusesNewSends(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();
        var sends = Enumerable.Range(0, 3000)
            .Select(i => harness.IngestAsync(TestMessages.Sms(tenant, $"m{i}")))
            .ToList();

        await harness.StopWriterAsync();

        var accepted = await Task.WhenAll(sends);
        (await harness.StoredMessagesAsync(tenant)).Count.ShouldBe(accepted.Length);
        var late = await Should.ThrowAsync<ServiceUnavailableException>(
            harness.IngestAsync(TestMessages.Sms(tenant)));
        late.Code.ShouldBe(MessagingErrorCodes.ShuttingDown);
    }

    [Fact]
    public async Task ImmediateAcknowledgement_AnswersBeforeTheCommit()
    {
        var commitGate = new TaskCompletionSource<IReadOnlyList<BatchInsertOutcome>>();
        var store = Substitute.For<IMessageBatchStore>();
        store.InsertBatchAsync(default!, default).ReturnsForAnyArgs(commitGate.Task);
        await using var harness = await GroupCommitHarness.StartAsync(
            new Dictionary<string, string?> { ["HighThroughput:Buffer:Acknowledgement"] = "Immediate" },
            services => services.AddSingleton(store));

        var accepted = await harness.IngestAsync(TestMessages.Sms(Guid.NewGuid()));

        accepted.Status.ShouldBe(MessageStatus.Accepted);
        harness.Buffer.Depth.ShouldBe(1);
        commitGate.SetResult([BatchInsertOutcome.Stored]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task SameKeyAndBody_GetsTheFirstTrackingId_DifferentBodyGets422(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();

        var first = await harness.IngestAsync(TestMessages.Sms(tenant, "hello", "order-7"));
        var retry = await harness.IngestAsync(TestMessages.Sms(tenant, "hello", "order-7"));
        var reused = await Should.ThrowAsync<UnprocessableRequestException>(
            harness.IngestAsync(TestMessages.Sms(tenant, "changed", "order-7")));

        retry.TrackingId.ShouldBe(first.TrackingId);
        retry.AcceptedAt.ShouldBe(first.AcceptedAt);
        reused.Code.ShouldBe(MessagingErrorCodes.IdempotencyKeyReused);
        (await harness.StoredMessagesAsync(tenant)).ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task SameIdempotencyKey_InDifferentTenants_AreDifferentMessages(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);

        var a = await harness.IngestAsync(TestMessages.Sms(Guid.NewGuid(), "x", "shared-key"));
        var b = await harness.IngestAsync(TestMessages.Sms(Guid.NewGuid(), "x", "shared-key"));

        a.TrackingId.ShouldNotBe(b.TrackingId);
    }
}
