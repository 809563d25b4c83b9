namespace Messaging.Messages.Feed;

/// <summary>Filters of the feed (each optional, all must hold), the cursor of the page to read and its size.</summary>
public sealed class GetMessageFeedInput
{
    public MessageStatus? Status { get; set; }

    public MessageChannel? Channel { get; set; }

    public MessagePriority? Priority { get; set; }

    /// <summary>Exactly as it was sent.</summary>
    public string? Recipient { get; set; }

    /// <summary>Accepted at or after this time (UTC).</summary>
    public DateTime? From { get; set; }

    /// <summary>Accepted before this time (UTC).</summary>
    public DateTime? To { get; set; }

    /// <summary>Only these messages (at most <see cref="MessageFeedConsts.MaxTrackingIds"/>).</summary>
    public Guid[]? TrackingIds { get; set; }

    /// <summary>The <c>nextCursor</c> of the previous page; none for the first page.</summary>
    public string? Cursor { get; set; }

    /// <summary>1 to <see cref="MessageFeedConsts.MaxPageSize"/>; <see cref="MessageFeedConsts.DefaultPageSize"/> when left out.</summary>
    public int? PageSize { get; set; }
}
