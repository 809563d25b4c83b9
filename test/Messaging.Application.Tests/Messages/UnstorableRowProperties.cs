using CsCheck;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;

namespace Messaging.Messages;

/// <summary>
/// For any batch and any poisoned positions, the group-commit writer stores and acknowledges exactly the clean rows and
/// refuses exactly the poisoned ones; a poisoned row the database alone can tell costs O(log n) transactions, not n.
/// </summary>
public class UnstorableRowProperties
{
    private enum Row
    {
        Clean,
        RefusedUpFront,
        RefusedByTheDatabase
    }

    /// <summary>Mostly clean rows: one in ten refused up front, one in ten only by the database.</summary>
    private static readonly Gen<Row[]> Batches = Gen.Int[0, 19]
        .Select(roll => roll switch { 0 => Row.RefusedUpFront, 1 => Row.RefusedByTheDatabase, _ => Row.Clean })
        .Array[1, 200];

    [Fact]
    public async Task AnyBatch_AnyPoisonedPositions_ExactlyTheCleanRowsAreStoredAndAcknowledged_InFewTransactions()
    {
        await Batches.SampleAsync(async kinds =>
        {
            var store = new ScriptedStore();
            var rows = kinds.Select(kind => UnstorableRowTests.Row(TestMessages.Sms(Guid.NewGuid(), kind switch
            {
                Row.RefusedUpFront => ScriptedStore.RefusedUpFront,
                Row.RefusedByTheDatabase => ScriptedStore.RefusedByTheDatabase,
                _ => "clean"
            }))).ToList();

            var acknowledgements = await OneBatchWriter.WriteAsync(store, rows);

            for (var i = 0; i < rows.Count; i++)
            {
                if (kinds[i] == Row.Clean)
                {
                    (await acknowledgements[i]).TrackingId.ShouldBe(rows[i].Message.Id);
                }
                else
                {
                    (await Should.ThrowAsync<UnprocessableRequestException>(acknowledgements[i])).Code.ShouldBe(MessagingErrorCodes.MessageNotStorable);
                }
            }

            store.Stored.ShouldBe(rows.Where((_, i) => kinds[i] == Row.Clean).Select(row => row.Message.Id), ignoreOrder: true);
            var written = kinds.Count(kind => kind != Row.RefusedUpFront);
            var refusedByTheDatabase = kinds.Count(kind => kind == Row.RefusedByTheDatabase);
            var bound = written == 0 ? 0 : 1 + 2 * refusedByTheDatabase * (int)Math.Ceiling(Math.Log2(written));
            store.Calls.ShouldBeLessThanOrEqualTo(bound);
        }, iter: 300, threads: 1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 15)]
    [InlineData(DatabaseProvider.PostgreSql, 10)]
    public async Task AgainstTheRealDatabase_ExactlyTheCleanRowsCommit(DatabaseProvider provider, int iterations)
    {
        await using var harness = await UnstorableRowTests.StartAsync(provider);
        var takenEventId = await UnstorableRowTests.StoreAnAnchorAsync(harness);
        var store = new RecordingBatchStore(harness.BatchStore);

        await Batches.Select(kinds => kinds.Take(60).ToArray()).SampleAsync(async kinds =>
        {
            Guid[] tenants = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
            var rows = UnstorableRowTests.GoodRows(kinds.Length, tenants);
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = kinds[i] switch
                {
                    Row.RefusedUpFront => UnstorableRowTests.Row(TestMessages.Sms(tenants[0], "lone \ud83d surrogate")),
                    Row.RefusedByTheDatabase => UnstorableRowTests.WithEventId(rows[i], takenEventId),
                    _ => rows[i]
                };
            }

            var acknowledgements = await OneBatchWriter.WriteAsync(store, rows);

            await UnstorableRowTests.AssertExactlyTheCleanRowsCommittedAsync(harness, rows, acknowledgements,
                [.. Enumerable.Range(0, rows.Length).Where(i => kinds[i] != Row.Clean)]);
        }, iter: iterations, threads: 1);
    }

    /// <summary>Stores in memory; refuses up front, or fails the whole call on, rows whose content says so.</summary>
    private sealed class ScriptedStore : IMessageBatchStore
    {
        public const string RefusedUpFront = "refused up front";
        public const string RefusedByTheDatabase = "refused by the database";

        public List<Guid> Stored { get; } = [];

        public int Calls { get; private set; }

        public Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken)
        {
            Calls++;
            messages.ShouldNotContain(row => row.Message.Content == RefusedUpFront, "a row refused up front reached the store");
            if (messages.Any(row => row.Message.Content == RefusedByTheDatabase))
            {
                throw new BatchRowRefusedException(UnstorableReason.ConstraintViolated, "a scripted refusal", new InvalidOperationException());
            }

            Stored.AddRange(messages.Select(row => row.Message.Id));
            return Task.FromResult<IReadOnlyList<BatchInsertOutcome>>([.. messages.Select(_ => BatchInsertOutcome.Stored)]);
        }

        public UnstorableValue? FindUnstorableValue(AcceptedMessage message) =>
            message.Message.Content == RefusedUpFront ? new UnstorableValue(UnstorableReason.NulCharacter, "a scripted value") : null;
    }
}
