using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.Messages.Feed;

public sealed class MessageFeedAppService(ICurrentTenant currentTenant, IMessageFeedReader reader) : IMessageFeedAppService
{
    public async Task<MessageFeedPageDto> GetListAsync(GetMessageFeedInput input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var errors = MessageFeedInputValidator.Validate(input, tenantId, out var after);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var pageSize = input.PageSize ?? MessageFeedConsts.DefaultPageSize;
        var filter = new MessageFeedFilter(input.Status, input.Channel, input.Priority, input.Recipient,
            input.From is { } from ? MessageFeedInputValidator.AsUtc(from) : null,
            input.To is { } to ? MessageFeedInputValidator.AsUtc(to) : null,
            input.TrackingIds is { Length: > 0 } ids ? ids : null);
        // One more than asked tells whether another page follows without a count.
        var entries = await reader.GetPageAsync(filter, after, pageSize + 1, cancellationToken);
        var page = entries.Take(pageSize).ToList();
        var nextCursor = entries.Count > pageSize ? MessageFeedCursor.Encode(tenantId, page[^1].Position) : null;
        return new MessageFeedPageDto(page.Select(ToDto).ToList(), nextCursor);
    }

    public async Task<MessageStatisticsDto> GetStatisticsAsync(GetMessageStatisticsInput input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var errors = MessageFeedInputValidator.Validate(input);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var (from, to, bucket) = (MessageFeedInputValidator.AsUtc(input.From!.Value), MessageFeedInputValidator.AsUtc(input.To!.Value), input.Bucket!.Value);
        var counts = (await reader.CountAsync(from, to, bucket, input.Channel, cancellationToken)).ToLookup(count => count.BucketStart);
        var buckets = StatisticsBuckets.Starts(from, to, bucket)
            .Select(start => new MessageStatisticsBucketDto(start, counts[start].Sum(count => count.Count), counts[start]
                .OrderBy(count => count.Status).ThenBy(count => count.Channel)
                .Select(count => new MessageStatisticsCountDto(count.Status, count.Channel, count.Count))
                .ToList()))
            .ToList();
        return new MessageStatisticsDto(from, to, bucket, buckets);
    }

    private static MessageFeedItemDto ToDto(MessageFeedEntry entry) => new(entry.Id, entry.Status, entry.Channel, entry.Priority,
        entry.Recipient, entry.AcceptedAt, entry.StatusChangedAt, entry.DispatchAttempts, entry.ProviderName, entry.FailureCode);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Messages belong to tenants: call with a tenant's API key.");
}
