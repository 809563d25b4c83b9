namespace Messaging.Messages.Feed;

/// <summary>Checks feed and statistics requests and lists every problem at once; times without an offset are read as UTC.</summary>
public static class MessageFeedInputValidator
{
    public static Dictionary<string, string[]> Validate(GetMessageFeedInput input, Guid tenantId, out MessageFeedPosition? after)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        after = null;
        if (input.PageSize is < 1 or > MessageFeedConsts.MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MessageFeedConsts.MaxPageSize}."];
        }

        if (input.Cursor is not null)
        {
            if (MessageFeedCursor.TryDecode(input.Cursor, tenantId, out var position))
            {
                after = position;
            }
            else
            {
                errors["cursor"] = ["The cursor is not one this API gave you: pass the nextCursor of a page as it was, or start again without one."];
            }
        }

        if (input.TrackingIds is { Length: > MessageFeedConsts.MaxTrackingIds })
        {
            errors["trackingIds"] = [$"At most {MessageFeedConsts.MaxTrackingIds} tracking ids can be asked for at once."];
        }

        if (input.Recipient is { Length: > MessageConsts.MaxRecipientLength })
        {
            errors["recipient"] = [$"The recipient must be at most {MessageConsts.MaxRecipientLength} characters."];
        }

        if (input.From is { } from && input.To is { } to && AsUtc(from) >= AsUtc(to))
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(GetMessageStatisticsInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.From is null)
        {
            errors["from"] = ["'from' is required: the start of the range (UTC)."];
        }

        if (input.To is null)
        {
            errors["to"] = ["'to' is required: the end of the range (UTC, exclusive)."];
        }

        if (input.Bucket is null)
        {
            errors["bucket"] = [$"'bucket' is required: one of {string.Join(", ", Enum.GetNames<StatisticsBucket>())}."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var (start, end, bucket) = (AsUtc(input.From!.Value), AsUtc(input.To!.Value), input.Bucket!.Value);
        if (start >= end)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }
        else if (StatisticsBuckets.Count(start, end, bucket) is var count and > MessageFeedConsts.MaxStatisticsBuckets)
        {
            errors["to"] =
            [
                $"The range holds {count} {bucket.ToString().ToLowerInvariant()} buckets; at most {MessageFeedConsts.MaxStatisticsBuckets} " +
                "are counted per request: narrow the range or choose a wider bucket."
            ];
        }

        return errors;
    }

    public static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc)
    };
}
