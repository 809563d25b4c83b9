using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;

namespace Messaging.Messages;

/// <summary>
/// A row its database cannot store, in a batch of many tenants' good rows, against the real databases: the good rows
/// commit and are acknowledged once, each with its outbox row; the bad one alone is refused, and nothing of it is written.
/// </summary>
public class UnstorableRowTests
{
    private static readonly Guid[] Tenants = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task PoisonedRows_InAFullBatch_AreRefusedAlone_AndEveryOtherRowCommits(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var takenEventId = await StoreAnAnchorAsync(harness);
        var rows = GoodRows(300);
        // Known up front: a lone surrogate (both providers), or U+0000 (PostgreSQL). Known only to the database: an
        // outbox event id that is already stored.
        rows[40] = Row(TestMessages.Sms(Tenants[0], provider == DatabaseProvider.PostgreSql ? "nul \0 inside" : "lone \ud800 surrogate"));
        rows[200] = WithEventId(rows[200], takenEventId);
        var store = new RecordingBatchStore(harness.BatchStore);

        var acknowledgements = await OneBatchWriter.WriteAsync(store, rows);

        await AssertExactlyTheCleanRowsCommittedAsync(harness, rows, acknowledgements, poisoned: [40, 200]);
        store.BatchSizes[0].ShouldBe(299, "the row refused up front costs the batch nothing");
        store.BatchSizes.Count.ShouldBeLessThanOrEqualTo(1 + 2 * (int)Math.Ceiling(Math.Log2(299)), "found by halving, not row by row");
    }

    [Fact]
    public async Task PostgreSql_NulThatNoCheckForesaw_IsFoundByHalving_AndTheBatchCommitsWithoutIt()
    {
        await using var harness = await StartAsync(DatabaseProvider.PostgreSql);
        var rows = GoodRows(256);
        rows[77] = Row(TestMessages.Sms(Tenants[2], "nul \0 inside"));
        var store = new RecordingBatchStore(harness.BatchStore, checksUpFront: false);

        var acknowledgements = await OneBatchWriter.WriteAsync(store, rows);

        var refusal = await AssertExactlyTheCleanRowsCommittedAsync(harness, rows, acknowledgements, poisoned: [77]);
        refusal.Single().Message.ShouldContain("SQLSTATE 22021");
        store.BatchSizes.Count.ShouldBeLessThanOrEqualTo(1 + 2 * 8);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task StoreRefusingARow_SaysSo_WritesNothingOfTheBatch_AndWritesTheNextOne(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var takenEventId = await StoreAnAnchorAsync(harness);
        var tenant = Guid.NewGuid();
        var good = Row(TestMessages.Sms(tenant, "fine"));
        var duplicateEvent = WithEventId(Row(TestMessages.Sms(tenant, "event id taken")), takenEventId);

        var refusal = await Should.ThrowAsync<BatchRowRefusedException>(harness.BatchStore.InsertBatchAsync([good, duplicateEvent], CancellationToken.None));

        refusal.Reason.ShouldBe(UnstorableReason.ConstraintViolated);
        (await harness.StoredMessagesAsync(tenant)).ShouldBeEmpty();
        (await harness.StoredOutboxEventsAsync(tenant)).ShouldBeEmpty();
        (await harness.BatchStore.InsertBatchAsync([good], CancellationToken.None)).ShouldBe([BatchInsertOutcome.Stored]);
    }

    [Theory]
    [InlineData(false, "SQLSTATE 22021")]
    [InlineData(true, "not Unicode text")]
    public async Task PostgreSql_TextItCannotHold_IsARowRefusal(bool loneSurrogate, string described)
    {
        // Built here: an attribute stores its strings as UTF-8, which has no lone surrogates.
        var content = loneSurrogate ? "lone \udc00 surrogate" : "nul \0 inside";
        await using var harness = await StartAsync(DatabaseProvider.PostgreSql);
        var tenant = Guid.NewGuid();

        var refusal = await Should.ThrowAsync<BatchRowRefusedException>(
            harness.BatchStore.InsertBatchAsync([Row(TestMessages.Sms(tenant, "fine")), Row(TestMessages.Sms(tenant, content))], CancellationToken.None));

        refusal.Reason.ShouldBe(UnstorableReason.InvalidValue);
        refusal.Description.ShouldContain(described);
        (await harness.StoredMessagesAsync(tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PostgreSql_ConcurrentSendsOfSeveralTenants_OneWithANul_AreAllAnsweredAndOnlyItIsRefused()
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: DatabaseProvider.PostgreSql);
        var messages = Enumerable.Range(0, 40).Select(i => TestMessages.Sms(Tenants[i % Tenants.Length], i == 23 ? "nul \0 inside" : $"m{i}")).ToList();

        var outcomes = await Task.WhenAll(messages.Select(async message =>
        {
            try
            {
                return (Accepted: await harness.IngestAsync(message), Refusal: (Exception?)null);
            }
            catch (Exception refusal)
            {
                return (Accepted: (MessageAcceptedDto?)null, Refusal: refusal);
            }
        }));

        outcomes.Count(outcome => outcome.Accepted is not null).ShouldBe(39);
        outcomes[23].Refusal.ShouldBeOfType<UnprocessableRequestException>().Code.ShouldBe(MessagingErrorCodes.MessageNotStorable);
        foreach (var tenant in Tenants)
        {
            (await harness.StoredMessagesAsync(tenant)).Select(m => m.Id)
                .ShouldBe(messages.Where((m, i) => m.TenantId == tenant && i != 23).Select(m => m.Id), ignoreOrder: true);
        }
    }

    /// <summary>
    /// Checks the database and the answers: each clean row stored once with its history and outbox row and acknowledged
    /// with its own id; each poisoned row refused with 422 and nothing of it stored. Returns the refusals.
    /// </summary>
    internal static async Task<List<UnprocessableRequestException>> AssertExactlyTheCleanRowsCommittedAsync(
        GroupCommitHarness harness, IReadOnlyList<AcceptedMessage> rows, IReadOnlyList<Task<MessageAcceptedDto>> acknowledgements, IReadOnlyCollection<int> poisoned)
    {
        var refusals = new List<UnprocessableRequestException>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (poisoned.Contains(i))
            {
                var refusal = await Should.ThrowAsync<UnprocessableRequestException>(acknowledgements[i]);
                refusal.Code.ShouldBe(MessagingErrorCodes.MessageNotStorable);
                refusal.Message.ShouldStartWith("This message could not be stored: ");
                refusals.Add(refusal);
            }
            else
            {
                (await acknowledgements[i]).TrackingId.ShouldBe(rows[i].Message.Id);
            }
        }

        foreach (var tenant in rows.Select(row => row.Message.TenantId).Distinct())
        {
            var clean = rows.Where((row, i) => row.Message.TenantId == tenant && !poisoned.Contains(i)).ToList();
            (await harness.StoredMessagesAsync(tenant)).Select(m => m.Id).ShouldBe(clean.Select(row => row.Message.Id), ignoreOrder: true);
            (await harness.StoredHistoryAsync(tenant)).ShouldBe(clean.Select(row => row.Message.Id), ignoreOrder: true);
            (await harness.StoredOutboxEventsAsync(tenant)).ShouldBe(clean.Select(row => row.AcceptedEvent.Id), ignoreOrder: true);
        }

        return refusals;
    }

    /// <summary>Good rows of several tenants, a third of them with an idempotency key.</summary>
    internal static AcceptedMessage[] GoodRows(int count, Guid[]? tenants = null)
    {
        tenants ??= Tenants;
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
                Row(TestMessages.Sms(tenants[i % tenants.Length], $"m{i}", i % 3 == 0 ? $"key-{Guid.NewGuid():N}" : null)))
        ];
    }

    internal static AcceptedMessage Row(Message message) => new(message, TestMessages.AcceptedEvent(message));

    /// <summary>The row with an acceptance event whose id another event already holds.</summary>
    internal static AcceptedMessage WithEventId(AcceptedMessage row, Guid eventId)
    {
        var e = row.AcceptedEvent;
        return row with { AcceptedEvent = new OutboxMessage(eventId, e.EventName, e.Payload, e.TenantId, e.CorrelationId, e.TraceParent, e.CreatedAt) };
    }

    /// <summary>Stores one message of a tenant of its own; returns its event's id, for rows that must collide with it.</summary>
    internal static async Task<Guid> StoreAnAnchorAsync(GroupCommitHarness harness)
    {
        var anchor = Row(TestMessages.Sms(Guid.NewGuid(), "anchor"));
        (await harness.BatchStore.InsertBatchAsync([anchor], CancellationToken.None)).ShouldBe([BatchInsertOutcome.Stored]);
        return anchor.AcceptedEvent.Id;
    }

    /// <summary>A harness whose writer is stopped: the store serves one writer at a time, here the test's.</summary>
    internal static async Task<GroupCommitHarness> StartAsync(DatabaseProvider provider)
    {
        var harness = await GroupCommitHarness.StartAsync(provider: provider);
        await harness.StopWriterAsync();
        return harness;
    }
}
