namespace Messaging.Channel;

/// <summary>
/// A post to be made at <see cref="DeliverAt"/>. Stored before it is acknowledged; the delivery worker claims it for a
/// lease, so a worker killed before committing the delivery leaves it to another once the lease ends. The status is a
/// concurrency token: a cancel and a delivery racing on one message cannot both commit.
/// </summary>
public sealed class DelayedMessage
{
    private DelayedMessage()
    {
    }

    public static DelayedMessage Schedule(Guid tenantId, Guid channelId, string content, string? postedBy, DateTime deliverAt, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        ChannelId = channelId,
        Content = content,
        PostedBy = postedBy,
        DeliverAt = deliverAt,
        CreatedAt = now,
        Status = DelayedMessageStatus.Waiting
    };

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ChannelId { get; private set; }

    public string Content { get; private set; } = "";

    public string? PostedBy { get; private set; }

    public DateTime DeliverAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DelayedMessageStatus Status { get; private set; }

    /// <summary>When it was delivered, cancelled or expired; the cleanup deletes it some time after.</summary>
    public DateTime? FinishedAt { get; private set; }

    /// <summary>The sequence of the channel message it became.</summary>
    public long? Sequence { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    public Guid? ClaimToken { get; private set; }

    public void Delivered(ChannelMessage message, DateTime now) => Finish(DelayedMessageStatus.Delivered, now, message.Sequence);

    public void Expire(DateTime now) => Finish(DelayedMessageStatus.Expired, now, null);

    public void Cancel(DateTime now)
    {
        if (Status == DelayedMessageStatus.Cancelled)
        {
            return;
        }

        if (Status != DelayedMessageStatus.Waiting)
        {
            throw new DelayedMessageNotCancellableException(Id, Status);
        }

        Finish(DelayedMessageStatus.Cancelled, now, null);
    }

    private void Finish(DelayedMessageStatus status, DateTime now, long? sequence)
    {
        Status = status;
        FinishedAt = now;
        Sequence = sequence;
        ClaimToken = null;
        ClaimedUntil = null;
    }
}
