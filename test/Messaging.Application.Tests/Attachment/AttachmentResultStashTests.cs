using System.Text.Json.Nodes;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Attachment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Attachment;

/// <summary>Seed property 33: a result whose save the database refused is kept, and saved by the next worker without processing again.</summary>
public class AttachmentResultStashTests
{
    [Fact]
    public async Task AResultTheDatabaseRefused_IsSavedByTheWorkerThatTakesTheJobOver_WithoutProcessingAgain()
    {
        var processor = new CountingProcessor();
        var refusals = new SaveRefusals { RefuseCall = 4 };
        await using var harness = await AttachmentHarness.StartAsync(replace: services =>
        {
            services.Insert(0, ServiceDescriptor.Singleton<IAttachmentProcessor>(processor));
            services.AddSingleton(refusals);
            services.AddScoped<EfCoreAttachmentQueueStore>();
            services.Replace(ServiceDescriptor.Scoped<IAttachmentQueueStore>(provider =>
                new SaveRefusingQueueStore(provider.GetRequiredService<EfCoreAttachmentQueueStore>(), provider.GetRequiredService<SaveRefusals>())));
        });
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);

        await harness.ProcessAsync();
        var afterRefusal = (await harness.StoredJobsAsync()).Single();
        await EndLeasesAsync(harness);
        await harness.ProcessAsync();

        afterRefusal.Status.ShouldBe(AttachmentStatus.Processing);
        afterRefusal.ClaimToken.ShouldNotBeNull();
        var status = await harness.GetAsync(tenant, accepted.AttachmentId);
        status.Status.ShouldBe(AttachmentStatus.Completed);
        status.Result!["calls"]!.GetValue<int>().ShouldBe(1);
        processor.Calls.ShouldBe(1);
        (await harness.Inner.Services.GetRequiredService<AttachmentResultStash>().FindAsync(accepted.AttachmentId, CancellationToken.None)).ShouldBeNull();
    }

    private static Task EndLeasesAsync(AttachmentHarness harness) =>
        harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<AttachmentJob>().IgnoreQueryFilters()
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.ClaimedUntil, DateTime.UtcNow.AddSeconds(-1))));

    private sealed class SaveRefusals
    {
        public int RefuseCall;
        public int Calls;
    }

    /// <summary>The store whose database times out on one chosen read of a claimed job (the save of the result).</summary>
    private sealed class SaveRefusingQueueStore(IAttachmentQueueStore inner, SaveRefusals refusals) : IAttachmentQueueStore
    {
        public Task<IReadOnlyList<ClaimedAttachment>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken) =>
            inner.ClaimDueAsync(maxCount, claimFor, cancellationToken);

        public Task<AttachmentJob?> FindClaimedAsync(ClaimedAttachment claimed, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref refusals.Calls) == refusals.RefuseCall
                ? throw new TimeoutException("The database did not answer (test).")
                : inner.FindClaimedAsync(claimed, cancellationToken);

        public Task<bool> RenewAsync(ClaimedAttachment claimed, TimeSpan claimFor, CancellationToken cancellationToken) =>
            inner.RenewAsync(claimed, claimFor, cancellationToken);

        public Task<int> ReleaseAsync(Guid claimToken, CancellationToken cancellationToken) => inner.ReleaseAsync(claimToken, cancellationToken);

        public Task<(IReadOnlyList<QueueDepth> Depths, DateTime? OldestCreatedAt)> MeasureAsync(CancellationToken cancellationToken) =>
            inner.MeasureAsync(cancellationToken);

        public Task<(int Completed, int Failed)> OutcomesSinceAsync(DateTime since, CancellationToken cancellationToken) =>
            inner.OutcomesSinceAsync(since, cancellationToken);

        public Task<IReadOnlyList<AttachmentTombstone>> PendingTombstonesAsync(int maxCount, CancellationToken cancellationToken) =>
            inner.PendingTombstonesAsync(maxCount, cancellationToken);

        public Task<AttachmentTombstone?> FindTombstoneAsync(Guid attachmentId, CancellationToken cancellationToken) =>
            inner.FindTombstoneAsync(attachmentId, cancellationToken);

        public void RemoveTombstone(AttachmentTombstone tombstone) => inner.RemoveTombstone(tombstone);

        public Task<IReadOnlySet<string>> KnownKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
            inner.KnownKeysAsync(keys, cancellationToken);

        public Task AddAuditAsync(AttachmentAuditEntry entry, CancellationToken cancellationToken) => inner.AddAuditAsync(entry, cancellationToken);
    }

    private sealed class CountingProcessor : IAttachmentProcessor
    {
        public int Calls;

        public string Name => "counting";

        public bool Handles(string contentType) => true;

        public Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken) =>
            Task.FromResult(new JsonObject { ["calls"] = Interlocked.Increment(ref Calls) });
    }
}
