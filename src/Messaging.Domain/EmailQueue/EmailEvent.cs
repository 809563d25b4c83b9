namespace Messaging.EmailQueue;

/// <summary>
/// One transactional email a tenant published, with every attempt to deliver it. Stored with its acceptance event in
/// one transaction; the delivery worker claims it for a lease (<see cref="ClaimedUntil"/>), so a worker that dies
/// mid-send leaves it to another once the lease ends.
/// </summary>
public sealed class EmailEvent
{
    private readonly List<EmailAttempt> _attempts = [];

    private EmailEvent()
    {
    }

    public static EmailEvent Accept(Guid tenantId, EmailEventType type, string recipient, string payloadJson, string? idempotencyKey,
        string requestHash, DateTime now, Guid? sourceId = null) => new()
        {
            Id = Guid.CreateVersion7(),
            SourceId = sourceId,
            TenantId = tenantId,
            Type = type,
            Recipient = recipient,
            PayloadJson = payloadJson,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            Status = EmailEventStatus.Accepted,
            AcceptedAt = now,
            DueAt = now
        };

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public EmailEventType Type { get; private set; }

    public string Recipient { get; private set; } = "";

    /// <summary>The payload contract of <see cref="Type"/> as JSON, as validated at publishing.</summary>
    public string PayloadJson { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    /// <summary>What the publisher published it for; its end is announced with this id (<see cref="Events.EmailEventCompletedEto"/>).</summary>
    public Guid? SourceId { get; private set; }

    /// <summary>A hash of what was asked for, so a retry with the same key is told from another request reusing it.</summary>
    public string RequestHash { get; private set; } = "";

    public EmailEventStatus Status { get; private set; }

    public DateTime AcceptedAt { get; private set; }

    /// <summary>When the next attempt may start.</summary>
    public DateTime DueAt { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    public Guid? ClaimToken { get; private set; }

    /// <summary>Every attempt made, throttled ones included; the next attempt's number follows it.</summary>
    public int AttemptCount { get; private set; }

    /// <summary>Attempts that spent one of the allowed attempts (throttled ones do not).</summary>
    public int SpentAttempts { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public EmailErrorClass? LastErrorClass { get; private set; }

    public string? LastReplyCode { get; private set; }

    public string? LastEnhancedCode { get; private set; }

    public IReadOnlyList<EmailAttempt> Attempts => _attempts;

    public bool IsRetryOf(string requestHash) => RequestHash == requestHash;

    /// <summary>The queue took the event: due for delivery now. Only an Accepted event moves, so a repeated event changes nothing.</summary>
    public bool MarkQueued(DateTime now)
    {
        if (Status != EmailEventStatus.Accepted)
        {
            return false;
        }

        Status = EmailEventStatus.Queued;
        DueAt = now;
        return true;
    }

    /// <summary>The server took the message.</summary>
    public void MarkSent(EmailAttempt attempt)
    {
        Record(attempt);
        Status = EmailEventStatus.Sent;
        CompletedAt = attempt.StartedAt;
        SpentAttempts++;
    }

    /// <summary>
    /// Due again at <paramref name="dueAt"/>. A throttled attempt spends none of the allowed attempts: the server asked
    /// us to wait, it did not fail the message.
    /// </summary>
    public void RetryAt(EmailAttempt attempt, DateTime dueAt)
    {
        Record(attempt);
        DueAt = dueAt;
        if (attempt.ErrorClass != EmailErrorClass.Throttled)
        {
            SpentAttempts++;
        }
    }

    /// <summary>No further attempt: a permanent failure, or the last attempt or the age limit spent.</summary>
    public void DeadLetter(EmailAttempt attempt, DateTime now)
    {
        Record(attempt);
        Status = EmailEventStatus.DeadLettered;
        CompletedAt = now;
        SpentAttempts++;
    }

    /// <summary>The recipient is on the tenant's suppression list: ends without a call to the server.</summary>
    public void Suppress(DateTime now)
    {
        Status = EmailEventStatus.Suppressed;
        CompletedAt = now;
        Release();
    }

    /// <summary>Not tried now (its circuit is open): due again at <paramref name="dueAt"/> without an attempt.</summary>
    public void Postpone(DateTime dueAt)
    {
        DueAt = dueAt;
        Release();
    }

    /// <summary>
    /// A dead letter replayed: queued again, due at <paramref name="dueAt"/> (a paced replay spreads them out), with its
    /// attempts allowance renewed; its earlier attempts stay on record.
    /// </summary>
    public bool Replay(DateTime dueAt)
    {
        if (Status != EmailEventStatus.DeadLettered)
        {
            return false;
        }

        Status = EmailEventStatus.Queued;
        DueAt = dueAt;
        SpentAttempts = 0;
        CompletedAt = null;
        return true;
    }

    /// <summary>A dead letter's recipient or payload corrected before its replay; the payload was validated as on publishing.</summary>
    public void Correct(string recipient, string payloadJson)
    {
        if (Status != EmailEventStatus.DeadLettered)
        {
            throw new InvalidOperationException("Only a dead letter is corrected: the others are sent or on their way as published.");
        }

        Recipient = recipient;
        PayloadJson = payloadJson;
    }

    private void Record(EmailAttempt attempt)
    {
        _attempts.Add(attempt);
        AttemptCount++;
        LastErrorClass = attempt.ErrorClass;
        LastReplyCode = attempt.ReplyCode;
        LastEnhancedCode = attempt.EnhancedCode;
        Release();
    }

    private void Release()
    {
        ClaimedUntil = null;
        ClaimToken = null;
    }
}
