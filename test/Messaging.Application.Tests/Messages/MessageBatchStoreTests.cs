using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;

namespace Messaging.Messages;

/// <summary>The batch stores as the group-commit writer uses them, each against its real database.</summary>
public class MessageBatchStoreTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Batch_StoresEveryMessageWithItsAcceptedHistory(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        var batch = Enumerable.Range(0, 250).Select(i => TestMessages.Sms(tenant, $"m{i}", i % 2 == 0 ? $"key-{i}" : null)).ToList();

        var outcomes = await harness.InsertBatchAsync(batch);

        outcomes.ShouldAllBe(outcome => outcome.Inserted);
        (await harness.StoredMessagesAsync(tenant)).Select(m => m.Id).ShouldBe(batch.Select(m => m.Id), ignoreOrder: true);
        (await harness.StoredHistoryAsync(tenant)).ShouldBe(batch.Select(m => m.Id), ignoreOrder: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task DuplicateKeysInsideOneBatch_StoreTheFirst_AndNameItForTheOthers(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        var first = TestMessages.Sms(tenant, "hello", "order-1");
        var retry = TestMessages.Sms(tenant, "hello", "order-1");
        var reused = TestMessages.Sms(tenant, "changed", "order-1");
        var unkeyed = TestMessages.Sms(tenant, "no key");

        var outcomes = await harness.InsertBatchAsync([first, retry, reused, unkeyed]);

        outcomes[0].ShouldBe(BatchInsertOutcome.Stored);
        outcomes[1].ShouldBe(BatchInsertOutcome.DuplicateOf(first.Id, first.RequestHash, first.AcceptedAt));
        outcomes[2].ShouldBe(BatchInsertOutcome.DuplicateOf(first.Id, first.RequestHash, first.AcceptedAt));
        outcomes[3].ShouldBe(BatchInsertOutcome.Stored);
        (await harness.StoredMessagesAsync(tenant)).Select(m => m.Id).ShouldBe([first.Id, unkeyed.Id], ignoreOrder: true);
        (await harness.StoredHistoryAsync(tenant)).ShouldBe([first.Id, unkeyed.Id], ignoreOrder: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task KeyStoredByAnEarlierBatch_IsReportedWithTheStoredMessage_AndWritesNoHistory(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        var stored = TestMessages.Sms(tenant, "hello", "order-2");
        await harness.InsertBatchAsync([stored]);
        var later = TestMessages.Sms(tenant, "hello", "order-2");
        var otherTenant = TestMessages.Sms(Guid.NewGuid(), "hello", "order-2");

        var outcomes = await harness.InsertBatchAsync([later, otherTenant]);

        outcomes[0].ShouldBe(BatchInsertOutcome.DuplicateOf(stored.Id, stored.RequestHash, stored.AcceptedAt));
        outcomes[1].ShouldBe(BatchInsertOutcome.Stored);
        (await harness.StoredHistoryAsync(tenant)).ShouldBe([stored.Id]);
    }

    [Fact]
    public async Task PostgreSql_BatchThatFails_StoresNothingOfIt()
    {
        await using var harness = await StartAsync(DatabaseProvider.PostgreSql);
        var tenant = Guid.NewGuid();
        var valid = TestMessages.Sms(tenant, "fine", "order-3");
        var tooLong = Message.Accept(tenant, MessageChannel.Email, new string('a', MessageConsts.MaxRecipientLength) + "@x", "hi",
            MessagePriority.Normal, null, null, DateTime.UtcNow);

        await Should.ThrowAsync<Exception>(harness.InsertBatchAsync([valid, tooLong]));

        (await harness.StoredMessagesAsync(tenant)).ShouldBeEmpty();
        (await harness.StoredHistoryAsync(tenant)).ShouldBeEmpty();
        (await harness.InsertBatchAsync([valid])).ShouldBe([BatchInsertOutcome.Stored]);
    }

    [Fact]
    public async Task PostgreSql_BatchWrittenAgainAfterALostAcknowledgement_ReportsItsOwnMessages()
    {
        await using var harness = await StartAsync(DatabaseProvider.PostgreSql);
        var tenant = Guid.NewGuid();
        var keyed = TestMessages.Sms(tenant, "keyed", "order-4");
        var unkeyed = TestMessages.Sms(tenant, "unkeyed");
        await harness.InsertBatchAsync([keyed, unkeyed]);

        var outcomes = await harness.InsertBatchAsync([keyed, unkeyed]);

        outcomes.ShouldBe([
            BatchInsertOutcome.DuplicateOf(keyed.Id, keyed.RequestHash, keyed.AcceptedAt),
            BatchInsertOutcome.DuplicateOf(unkeyed.Id, unkeyed.RequestHash, unkeyed.AcceptedAt)
        ]);
        (await harness.StoredHistoryAsync(tenant)).Count.ShouldBe(2);
    }

    /// <summary>A harness whose writer is stopped: the store serves one writer at a time, here the test.</summary>
    private static async Task<GroupCommitHarness> StartAsync(DatabaseProvider provider)
    {
        var harness = await GroupCommitHarness.StartAsync(provider: provider);
        await harness.StopWriterAsync();
        return harness;
    }
}
