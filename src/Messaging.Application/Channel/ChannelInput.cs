namespace Messaging.Channel;

/// <summary>Checks what callers send the Channel module and lists every problem at once, keyed by field.</summary>
public static class ChannelInput
{
    public static Dictionary<string, string[]> ValidateChannel(string? name, string? description, string[]? tags, out string[] cleanTags)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["The name is required."];
        }
        else if (name.Length > ChannelConsts.MaxNameLength)
        {
            errors["name"] = [$"The name must be at most {ChannelConsts.MaxNameLength} characters."];
        }
        else if (name.Any(char.IsControl))
        {
            errors["name"] = ["The name may not contain control characters."];
        }

        if (description is { Length: > ChannelConsts.MaxDescriptionLength })
        {
            errors["description"] = [$"The description must be at most {ChannelConsts.MaxDescriptionLength} characters."];
        }

        cleanTags = (tags ?? []).Select(tag => tag?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (cleanTags.Length > ChannelConsts.MaxTags)
        {
            errors["tags"] = [$"At most {ChannelConsts.MaxTags} tags."];
        }
        else if (cleanTags.Any(tag => tag.Length is 0 or > ChannelConsts.MaxTagLength || tag.Any(c => char.IsControl(c) || c == ',')))
        {
            errors["tags"] = [$"Each tag has 1 to {ChannelConsts.MaxTagLength} characters, without commas or control characters."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> ValidatePost(PostChannelMessageDto input, DateTime now, TimeSpan horizon)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(input.Content))
        {
            errors["content"] = ["The content is required."];
        }
        else if (input.Content.Length > ChannelConsts.MaxContentLength)
        {
            errors["content"] = [$"The content must be at most {ChannelConsts.MaxContentLength} characters."];
        }

        if (input.DeliverAt is { } deliverAt && AsUtc(deliverAt) > now + horizon)
        {
            errors["deliverAt"] = [$"A message can be scheduled at most {horizon} ahead."];
        }

        return errors;
    }

    /// <summary>A page's <c>skipCount</c> (0 or more; 0 when left out) and <c>maxResultCount</c> (1 to the most a page holds; the default when left out).</summary>
    public static (int Skip, int Take) ValidatePaging(int? skipCount, int? maxResultCount, Dictionary<string, string[]> errors)
    {
        var take = maxResultCount ?? ChannelConsts.DefaultPageSize;
        if (take is < 1 or > ChannelConsts.MaxPageSize)
        {
            errors["maxResultCount"] = [$"The page size must be between 1 and {ChannelConsts.MaxPageSize}."];
        }

        var skip = skipCount ?? 0;
        if (skip < 0)
        {
            errors["skipCount"] = ["The skip count may not be negative."];
        }

        return (skip, take);
    }

    /// <summary>
    /// Reads the list's paging, filters and sort. The sort is matched against a fixed list and becomes an enum, so
    /// whatever a caller puts there never reaches SQL; filters are parameters.
    /// </summary>
    public static Dictionary<string, string[]> ValidateList(GetChannelListInput input, out ChannelListQuery query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (skip, take) = ValidatePaging(input.SkipCount, input.MaxResultCount, errors);

        if (input.Filter is { Length: > ChannelConsts.MaxNameLength })
        {
            errors["filter"] = [$"The filter must be at most {ChannelConsts.MaxNameLength} characters."];
        }

        if (input.Tag is { Length: > ChannelConsts.MaxTagLength })
        {
            errors["tag"] = [$"A tag has at most {ChannelConsts.MaxTagLength} characters."];
        }

        var (sort, descending) = (ChannelSortField.CreatedAt, true);
        if (!string.IsNullOrWhiteSpace(input.Sorting) && !TryParseSort(input.Sorting, out sort, out descending))
        {
            errors["sorting"] = [$"Sort by one of {string.Join(", ", ChannelConsts.SortFields)}, optionally followed by asc or desc."];
        }

        query = new ChannelListQuery(string.IsNullOrEmpty(input.Filter) ? null : input.Filter, string.IsNullOrEmpty(input.Tag) ? null : input.Tag,
            input.IsArchived, sort, descending, skip, take);
        return errors;
    }

    public static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc)
    };

    private static bool TryParseSort(string sorting, out ChannelSortField field, out bool descending)
    {
        field = ChannelSortField.CreatedAt;
        descending = false;
        var parts = sorting.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2)
        {
            return false;
        }

        var name = ChannelConsts.SortFields.FirstOrDefault(f => string.Equals(f, parts[0], StringComparison.OrdinalIgnoreCase));
        if (name is null || (parts.Length == 2 && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)
                && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        field = name switch
        {
            "name" => ChannelSortField.Name,
            "lastMessageAt" => ChannelSortField.LastMessageAt,
            _ => ChannelSortField.CreatedAt
        };
        descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        return true;
    }
}
