namespace Messaging.Attachment;

/// <summary>Deletion (seed 004 phase 3): the row first with a tombstone, the blob after with retries, the sweep for the rest.</summary>
public class AttachmentDeletionTests
{
    [Fact]
    public async Task Deleting_RemovesTheRow_ThenTheBlob_AndAuditsBoth()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);
        var key = (await harness.StoredJobsAsync()).Single().StorageKey;

        await harness.AsTenantAsync(tenant, a => AttachmentProcessingTests.Done(a.DeleteAsync(accepted.AttachmentId)));
        (await harness.StoredJobsAsync()).ShouldBeEmpty();
        (await harness.TombstonesAsync()).ShouldHaveSingleItem();
        await harness.RunDeletionJobsAsync();

        File.Exists(harness.PathOf(key)).ShouldBeFalse();
        (await harness.TombstonesAsync()).ShouldBeEmpty();
        var audit = await harness.AsTenantAsync(tenant, a => a.ListAuditAsync(new AttachmentAuditQuery(null, accepted.AttachmentId, null, null, null, null)));
        audit.Items.Select(e => e.Action).ShouldBe([AttachmentAuditAction.BlobDeleted, AttachmentAuditAction.DeleteRequested, AttachmentAuditAction.Uploaded]);
    }

    [Fact]
    public async Task ABlobDeleteFailingEveryRetry_KeepsItsTombstone_AndTheSweepFinishesIt()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);
        var key = (await harness.StoredJobsAsync()).Single().StorageKey;
        harness.Blobs.FailingDeletes = 4;

        await harness.AsTenantAsync(tenant, a => AttachmentProcessingTests.Done(a.DeleteAsync(accepted.AttachmentId)));
        await harness.RunDeletionJobsAsync();

        harness.Blobs.Deletes.ShouldBe(4);
        File.Exists(harness.PathOf(key)).ShouldBeTrue();
        var tombstone = (await harness.TombstonesAsync()).Single();
        tombstone.FailedAttempts.ShouldBe(1);
        tombstone.LastError.ShouldNotBeNull();

        var report = await harness.SweepAsync();

        report!.TombstonesFinished.ShouldBe(1);
        report.TombstonesLeft.ShouldBe(0);
        File.Exists(harness.PathOf(key)).ShouldBeFalse();
        (await harness.TombstonesAsync()).ShouldBeEmpty();
        var actions = (await harness.AsTenantAsync(tenant, a => a.ListAuditAsync(new AttachmentAuditQuery(null, null, null, null, null, null))))
            .Items.Select(e => e.Action).ToList();
        actions.ShouldBe([AttachmentAuditAction.BlobDeleted, AttachmentAuditAction.BlobDeleteFailed, AttachmentAuditAction.DeleteRequested,
            AttachmentAuditAction.Uploaded]);
    }

    [Fact]
    public async Task ConcurrentDeletes_OfOneAttachment_DeleteItOnce_AndTheOthersAreNotFound()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await harness.AsTenantAsync(tenant, a => AttachmentProcessingTests.Done(a.DeleteAsync(accepted.AttachmentId)));
                return "deleted";
            }
            catch (ExceptionHandling.EntityNotFoundException)
            {
                return "not found";
            }
        })));

        results.Count(r => r == "deleted").ShouldBe(1);
        (await harness.TombstonesAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task TheSweep_DeletesOldBlobsWithoutARow_AndKeepsYoungOnesAndKnownOnes()
    {
        await using var harness = await AttachmentHarness.StartAsync(settings: new Dictionary<string, string?> { ["Attachment:OrphanGracePeriod"] = "01:00:00" });
        var tenant = Guid.NewGuid();
        await harness.UploadTextAsync(tenant);
        var known = (await harness.StoredJobsAsync()).Single().StorageKey;
        var oldOrphan = StorageKeys.For(tenant, Guid.NewGuid());
        var youngOrphan = StorageKeys.For(tenant, Guid.NewGuid());
        foreach (var key in new[] { oldOrphan, youngOrphan })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(harness.PathOf(key))!);
            await File.WriteAllTextAsync(harness.PathOf(key), "left behind");
        }

        File.SetLastWriteTimeUtc(harness.PathOf(oldOrphan), DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(harness.PathOf(known), DateTime.UtcNow.AddHours(-2));

        var report = await harness.SweepAsync();

        report!.BlobsListed.ShouldBe(3);
        report.OrphansFound.ShouldBe(1);
        report.OrphansDeleted.ShouldBe(1);
        File.Exists(harness.PathOf(oldOrphan)).ShouldBeFalse();
        File.Exists(harness.PathOf(youngOrphan)).ShouldBeTrue();
        File.Exists(harness.PathOf(known)).ShouldBeTrue();
        var audit = await harness.AsTenantAsync(tenant, a => a.ListAuditAsync(new AttachmentAuditQuery(AttachmentAuditAction.OrphanDeleted, null, null, null, null, null)));
        audit.TotalCount.ShouldBe(1);
    }
}
