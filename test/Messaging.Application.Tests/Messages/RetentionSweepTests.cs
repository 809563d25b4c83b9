using Messaging.BackgroundJobs;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EventBus;
using Messaging.Messages.Ingestion;
using Messaging.Messages.Receipts;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

/// <summary>
/// The hourly expiry jobs delete in short batches, each its own transaction, so the group commit's writes go through
/// between them instead of waiting for the whole expiry (on SQLite, one writer at a time).
/// </summary>
public class RetentionSweepTests
{
    private const int Expired = 2 * RetentionSweep.BatchSize + 500;

    [Fact]
    public async Task ALargeIdempotencyKeyExpiry_ClearsEveryKeyInSeveralBatches_AndASendCommitsBetweenThem()
    {
        var journal = new List<string>();
        await using var harness = await GroupCommitHarness.StartAsync(replace: services => services.AddScoped<IMessageRepository>(provider =>
            new InterleavingMessageRepository(new EfCoreMessageRepository(provider.GetRequiredService<MessagingDbContext>()),
                provider.GetRequiredService<IMessageIngestion>(), journal)));
        var tenant = Guid.NewGuid();
        var acceptedAt = DateTime.UtcNow.AddDays(-3);
        var old = Enumerable.Range(0, Expired)
            .Select(i => Message.Accept(tenant, MessageChannel.Sms, "+14155550123", "old", MessagePriority.Normal, null, $"key-{i}", acceptedAt))
            .ToList();
        await harness.InsertBatchAsync(old);

        await harness.RunJobAsync<ExpireIdempotencyKeysJob>(job => job.ExecuteAsync(new ExpireIdempotencyKeysArgs(), CancellationToken.None));

        var stored = await harness.StoredMessagesAsync(tenant);
        stored.Where(m => old.Any(o => o.Id == m.Id)).ShouldAllBe(m => m.IdempotencyKey == null);
        (await harness.StoredMessagesAsync(SendAfterFirstBatch.Tenant)).ShouldHaveSingleItem().IdempotencyKey.ShouldBe("sent-between-batches");
        journal.ShouldBe(["batch 1: 1000", "send committed", "batch 2: 1000", "batch 3: 500"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ALargeReceiptExpiry_DeletesEveryOldReceiptInSeveralBatches_AndASendCommitsBetweenThem(DatabaseProvider database)
    {
        var journal = new List<string>();
        await using var harness = await GroupCommitHarness.StartAsync(replace: services => services.AddScoped<IProcessedReceiptRepository>(provider =>
            new InterleavingReceiptRepository(new EfCoreProcessedReceiptRepository(provider.GetRequiredService<MessagingDbContext>()),
                provider.GetRequiredService<IMessageIngestion>(), journal)), provider: database);
        var tenant = Guid.NewGuid();
        var processedAt = DateTime.UtcNow.AddDays(-30);
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.Set<ProcessedReceipt>().AddRange(Enumerable.Range(0, Expired).Select(i =>
                new ProcessedReceipt(Guid.CreateVersion7(), tenant, "sms", $"old-{i}", Guid.NewGuid(), "delivered", processedAt)));
            db.Set<ProcessedReceipt>().Add(new ProcessedReceipt(Guid.CreateVersion7(), tenant, "sms", "recent", Guid.NewGuid(), "delivered", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        await harness.RunJobAsync<ExpireProcessedReceiptsJob>(job => job.ExecuteAsync(new ExpireProcessedReceiptsArgs(), CancellationToken.None));

        var left = await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<ProcessedReceipt>()
            .IgnoreQueryFilters().Select(r => r.ReceiptId).ToListAsync());
        left.ShouldBe(["recent"]);
        journal.ShouldBe(["batch 1: 1000", "send committed", "batch 2: 1000", "batch 3: 500"]);
    }

    /// <summary>After the first batch, sends a message and waits for its group commit before the expiry goes on.</summary>
    private sealed class SendAfterFirstBatch(IMessageIngestion ingestion, List<string> journal)
    {
        public static readonly Guid Tenant = Guid.NewGuid();

        public async Task<int> RecordAsync(Task<int> batch)
        {
            var count = await batch;
            journal.Add($"batch {journal.Count(e => e.StartsWith("batch", StringComparison.Ordinal)) + 1}: {count}");
            if (journal.Count == 1)
            {
                var message = TestMessages.Sms(Tenant, idempotencyKey: "sent-between-batches");
                // Bounded only so that a lock held across batches fails the test instead of hanging it.
                await ingestion.IngestAsync(message, TestMessages.AcceptedEvent(message), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
                journal.Add("send committed");
            }

            return count;
        }
    }

    private sealed class InterleavingMessageRepository(IMessageRepository inner, IMessageIngestion ingestion, List<string> journal) : IMessageRepository
    {
        private readonly SendAfterFirstBatch _interleave = new(ingestion, journal);

        public Task<int> ExpireIdempotencyKeysAsync(DateTime acceptedBefore, int maxCount, CancellationToken cancellationToken = default) =>
            _interleave.RecordAsync(inner.ExpireIdempotencyKeysAsync(acceptedBefore, maxCount, cancellationToken));

        public Task<Message?> FindWithHistoryAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
            inner.FindWithHistoryAsync(trackingId, cancellationToken);

        public Task<Message?> FindForUpdateAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
            inner.FindForUpdateAsync(trackingId, cancellationToken);

        public Task<IReadOnlyList<Message>> FindByProviderMessageIdsAsync(string providerName, IReadOnlyCollection<string> providerMessageIds,
            CancellationToken cancellationToken = default) =>
            inner.FindByProviderMessageIdsAsync(providerName, providerMessageIds, cancellationToken);

        public Task<Message?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken);

        public Task<bool> TryInsertAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken = default) =>
            inner.TryInsertAsync(message, acceptedEvent, cancellationToken);

        public Task<IReadOnlyList<Message>> GetAcceptedBeforeAsync(DateTime acceptedBefore, int skip, int take, CancellationToken cancellationToken = default) =>
            inner.GetAcceptedBeforeAsync(acceptedBefore, skip, take, cancellationToken);
    }

    private sealed class InterleavingReceiptRepository(IProcessedReceiptRepository inner, IMessageIngestion ingestion, List<string> journal)
        : IProcessedReceiptRepository
    {
        private readonly SendAfterFirstBatch _interleave = new(ingestion, journal);

        public Task<int> DeleteProcessedBeforeAsync(DateTime processedBefore, int maxCount, CancellationToken cancellationToken = default) =>
            _interleave.RecordAsync(inner.DeleteProcessedBeforeAsync(processedBefore, maxCount, cancellationToken));

        public Task<IReadOnlySet<(Guid TenantId, string ReceiptId)>> FindProcessedAsync(string provider,
            IReadOnlyCollection<(Guid TenantId, string ReceiptId)> receipts, CancellationToken cancellationToken = default) =>
            inner.FindProcessedAsync(provider, receipts, cancellationToken);

        public void Add(ProcessedReceipt receipt) => inner.Add(receipt);
    }
}
