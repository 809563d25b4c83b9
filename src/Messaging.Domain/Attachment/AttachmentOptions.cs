using Messaging.MultiTenancy;

namespace Messaging.Attachment;

/// <summary>Uploads and their processing: <c>Attachment</c> in the configuration.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachment";

    /// <summary>The largest upload per tier, in bytes (seed 1.4: 50 MB).</summary>
    public Dictionary<TenantTier, long> MaxUploadBytes { get; set; } = new()
    {
        [TenantTier.Basic] = 50L * 1024 * 1024,
        [TenantTier.Premium] = 50L * 1024 * 1024,
        [TenantTier.Enterprise] = 50L * 1024 * 1024
    };

    public static readonly IReadOnlyList<string> DefaultAllowedContentTypes =
        ["text/plain", "text/csv", "application/json", "image/*", "application/pdf", "application/zip"];

    public static readonly IReadOnlyList<TimeSpan> DefaultBlobDeleteRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>
    /// Content types every tenant may upload; <c>*</c> ends a prefix (<c>image/*</c>). Unset: <see cref="DefaultAllowedContentTypes"/>
    /// (a default in the property would be kept beside the configured values, not replaced by them).
    /// </summary>
    public string[]? AllowedContentTypes { get; set; }

    /// <summary>A tenant's own allow-list (by tenant id), replacing <see cref="AllowedContentTypes"/> for it.</summary>
    public Dictionary<string, string[]> TenantAllowedContentTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts that may fail before a job is Failed for good (seed 4.5: three retries).</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest one processor may run on one file.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a worker holds a job it took; another takes it over after that (a dead worker's job).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; set; } = 4;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A status of a finished job is cached this long (seed 9.1: 24 h).</summary>
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A download link lives this long unless the caller asks otherwise (at most 7 days).</summary>
    public TimeSpan DefaultLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A blob without a row is an orphan only once it is older than this, so an upload in flight never is.</summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Waits between the attempts to delete a blob after its attachment was deleted; unset: 1, 2 and 4 s (seed 004 3.3).</summary>
    public TimeSpan[]? BlobDeleteRetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> EffectiveBlobDeleteRetryDelays => BlobDeleteRetryDelays is { Length: > 0 } delays ? delays : DefaultBlobDeleteRetryDelays;

    /// <summary>Readiness reports degraded while more jobs than this wait (seed 8.3: 100).</summary>
    public int QueueAlertLength { get; set; } = 100;

    /// <summary>Readiness reports degraded when a worker instance has not finished a round for this long (seed 8.3: 5 minutes).</summary>
    public TimeSpan WorkerSilenceAlert { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Readiness reports degraded while more than this share of the jobs finished in <see cref="ErrorRateWindow"/> failed (seed 8.3: 1 % in 5 minutes).</summary>
    public double ErrorRateAlert { get; set; } = 0.01;

    public TimeSpan ErrorRateWindow { get; set; } = TimeSpan.FromMinutes(5);

    public long MaxUploadBytesFor(TenantTier? tier) =>
        MaxUploadBytes.TryGetValue(tier ?? TenantTier.Basic, out var bytes) ? bytes : MaxUploadBytes.Values.DefaultIfEmpty(0).Min();

    public IReadOnlyList<string> AllowedContentTypesFor(Guid tenantId) =>
        TenantAllowedContentTypes.TryGetValue(tenantId.ToString("D"), out var own) ? own
        : AllowedContentTypes is { Length: > 0 } configured ? configured : DefaultAllowedContentTypes;

    public bool IsValid => MaxUploadBytes.Count > 0 && MaxUploadBytes.Values.All(b => b > 0) && MaxAttempts >= 1
        && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && ProcessingTimeout > TimeSpan.Zero
        && ClaimDuration > ProcessingTimeout && BatchSize >= 1 && PollInterval > TimeSpan.Zero && StatusCacheDuration > TimeSpan.Zero
        && DefaultLinkLifetime > TimeSpan.Zero && DefaultLinkLifetime <= AttachmentConsts.MaxLinkLifetime && OrphanGracePeriod > TimeSpan.Zero
        && QueueAlertLength >= 1 && WorkerSilenceAlert > TimeSpan.Zero && ErrorRateAlert is >= 0 and <= 1 && ErrorRateWindow > TimeSpan.Zero;
}
