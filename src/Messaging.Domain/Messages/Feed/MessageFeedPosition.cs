namespace Messaging.Messages.Feed;

/// <summary>
/// Where a page of the feed ended: the feed is ordered by (AcceptedAt, Id) descending, so the next page holds the
/// messages strictly after this pair in that order. Messages accepted meanwhile sort before it and never shift a page.
/// </summary>
public readonly record struct MessageFeedPosition(DateTime AcceptedAt, Guid Id);
