namespace Messaging.Attachment;

/// <summary>
/// One uploaded file and the job that processes it. Committed only once its blob is fully stored; a worker claims it for a
/// lease (<see cref="ClaimedUntil"/>), so a worker that dies mid-job leaves it to another once the lease ends, and only
/// the claim's holder can move it on.
/// </summary>
public sealed class AttachmentJob
{
    private AttachmentJob()
    {
    }

    public static AttachmentJob Queue(Guid id, Guid tenantId, Guid? uploadedBy, string? uploaderName, string fileName, long size,
        string contentType, string sha256, string storageKey, int priority, DateTime now) => new()
        {
            Id = id,
            TenantId = tenantId,
            UploadedBy = uploadedBy,
            UploaderName = uploaderName,
            FileName = fileName,
            Size = size,
            ContentType = contentType,
            Sha256 = sha256,
            StorageKey = storageKey,
            Priority = priority,
            Status = AttachmentStatus.Queued,
            CreatedAt = now,
            DueAt = now
        };

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>The API key or user that uploaded the file.</summary>
    public Guid? UploadedBy { get; private set; }

    public string? UploaderName { get; private set; }

    /// <summary>The name the client gave; shown back, never used to name storage.</summary>
    public string FileName { get; private set; } = "";

    public long Size { get; private set; }

    /// <summary>The type sniffed from the content (and agreeing with the declared one).</summary>
    public string ContentType { get; private set; } = "";

    public string Sha256 { get; private set; } = "";

    public string StorageKey { get; private set; } = "";

    public AttachmentStatus Status { get; private set; }

    /// <summary>Higher first; first come, first served within a priority.</summary>
    public int Priority { get; private set; }

    public int Progress { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the job may be taken next (after a retry's backoff).</summary>
    public DateTime DueAt { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    /// <summary>Failed attempts so far.</summary>
    public int RetryCount { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    public Guid? ClaimToken { get; private set; }

    public string? ProcessorName { get; private set; }

    /// <summary>The processor's result as gzip-compressed JSON (seed property 27).</summary>
    public byte[]? CompressedResult { get; private set; }

    public string? Error { get; private set; }

    public bool IsFinal => Status is AttachmentStatus.Completed or AttachmentStatus.Failed;

    public TimeSpan? ProcessingTime => CompletedAt is { } completed && StartedAt is { } started ? completed - started : null;

    /// <summary>A worker took the job: Processing at 20 %; a takeover after a dead worker starts over.</summary>
    public void Start(string processorName, DateTime now)
    {
        Status = AttachmentStatus.Processing;
        ProcessorName = processorName;
        StartedAt = now;
        Progress = 20;
    }

    public void Advance(int percent) => Progress = Math.Clamp(percent, Progress, 99);

    public void Complete(byte[] compressedResult, DateTime now)
    {
        Status = AttachmentStatus.Completed;
        CompressedResult = compressedResult;
        CompletedAt = now;
        Progress = 100;
        Error = null;
        Release();
    }

    /// <summary>An attempt failed: queued again at <paramref name="retryAt"/>, or failed for good when <paramref name="retryAt"/> is null.</summary>
    public void RecordFailure(string error, DateTime? retryAt, DateTime now)
    {
        RetryCount++;
        Error = error;
        if (retryAt is { } due)
        {
            Status = AttachmentStatus.Queued;
            DueAt = due;
            Progress = 0;
        }
        else
        {
            Status = AttachmentStatus.Failed;
            CompletedAt = now;
        }

        Release();
    }

    private void Release()
    {
        ClaimedUntil = null;
        ClaimToken = null;
    }
}
