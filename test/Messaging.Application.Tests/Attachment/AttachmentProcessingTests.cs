using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Attachment;

/// <summary>Upload, processing with progress, retries and failure, through the application layer on SQLite and the filesystem store.</summary>
public class AttachmentProcessingTests
{
    [Fact]
    public async Task AnUpload_IsStoredWithItsHash_AndProcessedWithProgress20_50_90_100()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var text = "name,age\nada,36\nbob,40\n";

        var accepted = await harness.UploadAsync(tenant, Encoding.UTF8.GetBytes(text), "text/csv", "people.csv");
        (await harness.ProcessAsync()).ShouldBe(1);

        accepted.Status.ShouldBe(AttachmentStatus.Queued);
        var status = await harness.GetAsync(tenant, accepted.AttachmentId);
        status.Status.ShouldBe(AttachmentStatus.Completed);
        status.Progress.ShouldBe(100);
        status.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        status.Size.ShouldBe(text.Length);
        status.ContentType.ShouldBe("text/csv");
        status.Result!["records"]!.GetValue<long>().ShouldBe(2);
        status.ProcessingTimeMs.ShouldNotBeNull();
        var percents = (await harness.ProgressEventsAsync(accepted.AttachmentId))
            .Select(payload => JsonNode.Parse(payload)!["percent"]!.GetValue<int>()).Order().ToList();
        percents.ShouldBe([0, 20, 50, 90, 100]);
    }

    [Fact]
    public async Task JobsAreTaken_HighestPriorityFirst_AndInOrderOfArrivalWithinAPriority()
    {
        await using var harness = await AttachmentHarness.StartAsync(settings: new Dictionary<string, string?> { ["Attachment:BatchSize"] = "1" });
        var basic = await harness.UploadTextAsync(Guid.NewGuid());
        var premium = await harness.UploadTextAsync(Guid.NewGuid(), tier: TenantTier.Premium);
        var laterBasic = await harness.UploadTextAsync(Guid.NewGuid());
        var enterprise = await harness.UploadTextAsync(Guid.NewGuid(), tier: TenantTier.Enterprise);

        var order = new List<Guid>();
        for (var round = 0; round < 4; round++)
        {
            await harness.ProcessAsync();
            var jobs = await harness.StoredJobsAsync();
            order.Add(jobs.Where(j => j.Status == AttachmentStatus.Completed).Select(j => j.Id).Single(id => !order.Contains(id)));
        }

        order.ShouldBe([premium.AttachmentId, enterprise.AttachmentId, basic.AttachmentId, laterBasic.AttachmentId]);
    }

    [Fact]
    public async Task AFailingProcessor_IsRetriedThreeTimes_ThenTheJobFailsForGood_WithTheError()
    {
        var failing = new FailingProcessor();
        await using var harness = await AttachmentHarness.StartAsync(replace: services =>
            services.Insert(0, ServiceDescriptor.Singleton<IAttachmentProcessor>(failing)));
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);

        var statuses = new List<AttachmentStatus>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await harness.MakeDueAsync();
            await harness.ProcessAsync();
            statuses.Add((await harness.StoredJobsAsync()).Single().Status);
        }

        failing.Calls.ShouldBe(4);
        statuses.ShouldBe([AttachmentStatus.Queued, AttachmentStatus.Queued, AttachmentStatus.Queued, AttachmentStatus.Failed, AttachmentStatus.Failed]);
        var status = await harness.GetAsync(tenant, accepted.AttachmentId);
        status.RetryCount.ShouldBe(4);
        status.Error.ShouldNotBeNull();
        status.Result.ShouldBeNull();
    }

    [Fact]
    public async Task ContentNoProcessorCanRead_FailsAtOnce()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadAsync(tenant, Encoding.UTF8.GetBytes("[1, 2,"), "application/json", "broken.json");

        await harness.ProcessAsync();

        var status = await harness.GetAsync(tenant, accepted.AttachmentId);
        status.Status.ShouldBe(AttachmentStatus.Failed);
        status.RetryCount.ShouldBe(1);
        status.Error!.ShouldContain("JSON");
    }

    [Fact]
    public async Task AZipBomb_IsRefused_AndAnArchiveIsListed()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var bomb = await harness.UploadAsync(tenant, Zip(("zeros.bin", new byte[5 * 1024 * 1024])), "application/zip", "bomb.zip");
        var plain = await harness.UploadAsync(tenant, Zip(("a.txt", "hello"u8.ToArray()), ("b/c.txt", "world"u8.ToArray())), "application/zip", "ok.zip");

        await harness.ProcessAsync();

        (await harness.GetAsync(tenant, bomb.AttachmentId)).Error!.ShouldContain("zip bomb");
        var listing = (await harness.GetAsync(tenant, plain.AttachmentId)).Result!;
        listing["entries"]!.GetValue<int>().ShouldBe(2);
        listing["listing"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ShouldBe(["a.txt", "b/c.txt"]);
    }

    [Fact]
    public async Task APdf_ReportsItsPagesAndText()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4).AddText("Invoice 42", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);

        var accepted = await harness.UploadAsync(tenant, builder.Build(), "application/pdf", "invoice.pdf");
        await harness.ProcessAsync();

        var result = (await harness.GetAsync(tenant, accepted.AttachmentId)).Result!;
        result["pages"]!.GetValue<int>().ShouldBe(2);
        result["text"]!.GetValue<string>().ShouldContain("Invoice 42");
    }

    [Fact]
    public async Task UploadsAreAccepted_WhileNoWorkerRuns_AndWaitQueued()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();

        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await harness.UploadTextAsync(tenant)).AttachmentId);
        }

        (await harness.StoredJobsAsync()).Select(j => (j.Id, j.Status)).ShouldBe(ids.Select(id => (id, AttachmentStatus.Queued)), ignoreOrder: true);
    }

    [Fact]
    public async Task TheTypeIsSniffed_AMismatchIs422_AndAForbiddenType415_WithNothingStored()
    {
        var tenant = Guid.NewGuid();
        await using var harness = await AttachmentHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            [$"Attachment:TenantAllowedContentTypes:{tenant}:0"] = "text/plain"
        });
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        var mismatch = await Should.ThrowAsync<UnprocessableRequestException>(() => harness.UploadAsync(tenant, png, "text/plain"));
        var forbidden = await Should.ThrowAsync<UnsupportedMediaTypeException>(() => harness.UploadAsync(tenant, png, "image/png"));

        mismatch.Code.ShouldBe(AttachmentErrorCodes.TypeMismatch);
        forbidden.Code.ShouldBe(AttachmentErrorCodes.TypeNotAllowed);
        (await harness.StoredJobsAsync()).ShouldBeEmpty();
        Directory.EnumerateFiles(harness.BlobRoot, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnUploadOverItsTiersLimit_Is413_AndLeavesNoFileBehind()
    {
        await using var harness = await AttachmentHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Attachment:MaxUploadBytes:Basic"] = "10000"
        });
        var tenant = Guid.NewGuid();

        await Should.ThrowAsync<PayloadTooLargeException>(() => harness.UploadAsync(tenant, Encoding.UTF8.GetBytes(new string('a', 10001))));
        await harness.UploadAsync(tenant, Encoding.UTF8.GetBytes(new string('a', 10000)));

        (await harness.StoredJobsAsync()).Single().Size.ShouldBe(10000);
        Directory.EnumerateFiles(harness.BlobRoot, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.')).ShouldBe(1);
    }

    [Fact]
    public async Task StorageDown_IsA503WithRetryAfter_AndNoRow_AfterTheWriteWasRetried()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        harness.Blobs.FailingWrites = 4;

        var refused = await Should.ThrowAsync<ServiceUnavailableException>(() => harness.UploadTextAsync(Guid.NewGuid()));

        refused.Code.ShouldBe(AttachmentErrorCodes.BlobStorageUnavailable);
        refused.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        harness.Blobs.FailingWrites.ShouldBe(0);
        (await harness.StoredJobsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task StorageFailingThreeTimes_StillStoresTheUpload()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        harness.Blobs.FailingWrites = 3;

        await harness.UploadTextAsync(Guid.NewGuid());

        (await harness.StoredJobsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AnotherTenantsAttachment_IsNotFound()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var accepted = await harness.UploadTextAsync(Guid.NewGuid());

        await Should.ThrowAsync<EntityNotFoundException>(() => harness.GetAsync(Guid.NewGuid(), accepted.AttachmentId));
        await Should.ThrowAsync<EntityNotFoundException>(() => harness.AsTenantAsync(Guid.NewGuid(), a => Done(a.DeleteAsync(accepted.AttachmentId))));
    }

    internal static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private sealed class FailingProcessor : IAttachmentProcessor
    {
        public int Calls;

        public string Name => "failing";

        public bool Handles(string contentType) => true;

        public Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("The processor broke (test).");
        }
    }
}
