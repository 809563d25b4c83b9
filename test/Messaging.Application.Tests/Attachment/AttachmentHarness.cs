using System.Text;
using Messaging.BackgroundJobs;
using Messaging.EntityFrameworkCore;
using Messaging.Infrastructure.Attachment;
using Messaging.MultiTenancy;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>The Attachment module's application, EF Core and filesystem store on a real database, a tenant at a time.</summary>
public sealed class AttachmentHarness : IAsyncDisposable
{
    private AttachmentHarness(GroupCommitHarness inner, string blobRoot)
    {
        Inner = inner;
        BlobRoot = blobRoot;
    }

    public GroupCommitHarness Inner { get; }

    public string BlobRoot { get; }

    public FlakyBlobStore Blobs => Inner.Services.GetRequiredService<FlakyBlobStore>();

    public RecordingJobManager Jobs => Inner.Services.GetRequiredService<RecordingJobManager>();

    public static async Task<AttachmentHarness> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var root = Directory.CreateTempSubdirectory("messaging-blobs-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Blobs:RootPath"] = root,
            ["Blobs:RetryBaseDelay"] = "00:00:00.001",
            ["Attachment:BlobDeleteRetryDelays:0"] = "00:00:00.001",
            ["Attachment:BlobDeleteRetryDelays:1"] = "00:00:00.002",
            ["Attachment:BlobDeleteRetryDelays:2"] = "00:00:00.004",
            ["Attachment:FirstRetryDelay"] = "00:00:00.001",
            ["Attachment:MaxRetryDelay"] = "00:00:00.010"
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var inner = await GroupCommitHarness.StartAsync(values, services =>
        {
            services.AddSingleton(provider => new FlakyBlobStore(ActivatorUtilities.CreateInstance<FileSystemBlobStore>(provider)));
            services.Replace(ServiceDescriptor.Singleton<IBlobStore>(provider => provider.GetRequiredService<FlakyBlobStore>()));
            services.AddSingleton<RecordingJobManager>();
            services.Replace(ServiceDescriptor.Singleton<IBackgroundJobManager>(provider => provider.GetRequiredService<RecordingJobManager>()));
            replace?.Invoke(services);
        }, provider);
        return new AttachmentHarness(inner, root);
    }

    public Task<T> AsTenantAsync<T>(Guid tenantId, Func<IAttachmentAppService, Task<T>> work, TenantTier tier = TenantTier.Basic) =>
        Inner.InScopeAsync(async services =>
        {
            using var tenant = Inner.CurrentTenant.Change(tenantId, tier);
            return await work(services.GetRequiredService<IAttachmentAppService>());
        });

    public Task<AttachmentAcceptedDto> UploadAsync(Guid tenantId, byte[] content, string? declaredType = "text/plain", string fileName = "notes.txt",
        TenantTier tier = TenantTier.Basic, int? priority = null) =>
        AsTenantAsync(tenantId, attachments => attachments.UploadAsync(
            new AttachmentUpload(fileName, declaredType, new NonSeekableStream(content), priority)), tier);

    public Task<AttachmentAcceptedDto> UploadTextAsync(Guid tenantId, string text = "hello\nworld\n", TenantTier tier = TenantTier.Basic) =>
        UploadAsync(tenantId, Encoding.UTF8.GetBytes(text), tier: tier);

    public Task<AttachmentDto> GetAsync(Guid tenantId, Guid id) => AsTenantAsync(tenantId, attachments => attachments.GetAsync(id));

    /// <summary>One processing round, as the worker runs it.</summary>
    public Task<int> ProcessAsync() => Inner.Services.GetRequiredService<AttachmentProcessing>().ProcessOnceAsync(CancellationToken.None);

    public Task<AttachmentSweepReportDto?> SweepAsync() => Inner.Services.GetRequiredService<AttachmentSweep>().RunAsync(CancellationToken.None);

    /// <summary>Runs the blob deletion jobs the deletions enqueued, as the job server would.</summary>
    public async Task RunDeletionJobsAsync()
    {
        foreach (var args in Jobs.Take<DeleteAttachmentBlobArgs>())
        {
            await Inner.InScopeAsync(async services =>
            {
                using var tenant = Inner.CurrentTenant.Change(args.TenantId);
                await services.GetRequiredService<DeleteAttachmentBlobJob>().ExecuteAsync(args, CancellationToken.None);
                return true;
            });
        }
    }

    public Task<List<AttachmentJob>> StoredJobsAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<AttachmentJob>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    public Task<List<AttachmentTombstone>> TombstonesAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<AttachmentTombstone>().IgnoreQueryFilters().AsNoTracking().ToListAsync());

    /// <summary>The progress events of one attachment, in the order the outbox holds them.</summary>
    public Task<List<string>> ProgressEventsAsync(Guid attachmentId) =>
        Inner.InScopeAsync(async services => (await services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
                .Where(o => o.EventName == "attachment.progress-changed").OrderBy(o => o.Id).Select(o => o.Payload).ToListAsync())
            .Where(payload => payload.Contains(attachmentId.ToString(), StringComparison.OrdinalIgnoreCase)).ToList());

    /// <summary>Brings every waiting job's next attempt to now, as if its backoff had passed.</summary>
    public Task MakeDueAsync() =>
        Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<AttachmentJob>().IgnoreQueryFilters()
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.DueAt, DateTime.UtcNow.AddSeconds(-1))));

    public string PathOf(string storageKey) => Inner.Services.GetRequiredService<FlakyBlobStore>().PathOf(storageKey);

    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        Directory.Delete(BlobRoot, recursive: true);
    }
}

/// <summary>The filesystem store, made to fail a number of times on request.</summary>
public sealed class FlakyBlobStore(FileSystemBlobStore inner) : IBlobStore
{
    public int FailingWrites { get; set; }

    public int FailingDeletes { get; set; }

    public int Deletes { get; private set; }

    public string PathOf(string key) => inner.PathOf(key);

    public Task WriteAsync(string key, Stream content, CancellationToken cancellationToken) =>
        FailingWrites-- > 0 ? throw new BlobStorageException("Storage is down (test).") : inner.WriteAsync(key, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Deletes++;
        return FailingDeletes-- > 0 ? throw new BlobStorageException("Storage is down (test).") : inner.DeleteAsync(key, cancellationToken);
    }

    public IAsyncEnumerable<BlobEntry> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Uri? PresignDownload(string key, string fileName, string contentType, DateTime expiresAt) => null;
}

/// <summary>Keeps enqueued jobs for the test to run.</summary>
public sealed class RecordingJobManager : IBackgroundJobManager
{
    private readonly List<object> _enqueued = [];

    public List<TArgs> Take<TArgs>()
    {
        lock (_enqueued)
        {
            var taken = _enqueued.OfType<TArgs>().ToList();
            _enqueued.RemoveAll(args => args is TArgs);
            return taken;
        }
    }

    public string Enqueue<TJob, TArgs>(TArgs args, BackgroundJobPriority priority = BackgroundJobPriority.Normal)
        where TJob : IBackgroundJob<TArgs> where TArgs : IJobArgs
    {
        lock (_enqueued)
        {
            _enqueued.Add(args!);
        }

        return Guid.NewGuid().ToString();
    }

    public string Schedule<TJob, TArgs>(TArgs args, TimeSpan delay) where TJob : IBackgroundJob<TArgs> where TArgs : IJobArgs =>
        Enqueue<TJob, TArgs>(args);

    public void AddOrUpdateRecurring<TJob, TArgs>(string recurringJobId, TArgs args, string cronExpression)
        where TJob : IBackgroundJob<TArgs> where TArgs : IJobArgs
    {
    }
}

/// <summary>A request body: read once, front to back.</summary>
public sealed class NonSeekableStream(byte[] content) : MemoryStream(content, writable: false)
{
    public override bool CanSeek => false;
}
