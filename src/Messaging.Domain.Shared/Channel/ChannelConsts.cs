namespace Messaging.Channel;

public static class ChannelConsts
{
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 1024;
    public const int MaxTags = 16;
    public const int MaxTagLength = 32;
    public const int MaxCreatedByLength = 256;
    public const int MaxContentLength = 16 * 1024;
    public const int MaxStatusLength = 16;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Requests larger than this are refused with 413 before any parsing work.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The fields the channel list may be sorted by; anything else is a 400, never a column name in SQL.</summary>
    public static readonly IReadOnlyList<string> SortFields = ["name", "createdAt", "lastMessageAt"];
}
