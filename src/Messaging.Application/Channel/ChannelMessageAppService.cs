using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

public sealed partial class ChannelMessageAppService(
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    IChannelRepository channels,
    IDelayedMessageStore delayedMessages,
    IUnitOfWork unitOfWork,
    ChannelPosting posting,
    DelayedMessageSignal signal,
    ChannelMetrics metrics,
    IOptionsMonitor<ChannelOptions> options,
    TimeProvider clock,
    ILogger<ChannelMessageAppService> logger) : IChannelMessageAppService
{
    public async Task<ChannelPostResultDto> PostAsync(Guid channelId, PostChannelMessageDto input, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        var settings = options.CurrentValue.DelayedMessages;
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = ChannelInput.ValidatePost(input, now, settings.MaxHorizon);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        if (input.DeliverAt is { } deliverAt && ChannelInput.AsUtc(deliverAt) > now)
        {
            return new ChannelPostResultDto(null, await ScheduleAsync(tenantId, channelId, input.Content!, ChannelInput.AsUtc(deliverAt), settings, cancellationToken));
        }

        var posted = await posting.PostAsync(async token =>
        {
            var channel = await channels.FindAsync(channelId, token) ?? throw new EntityNotFoundException("Channel", channelId);
            var message = channel.Post(input.Content!, currentUser.Name, clock.GetUtcNow().UtcDateTime);
            channels.AddMessage(message);
            return [message];
        }, cancellationToken);
        return new ChannelPostResultDto(ChannelMapping.ToDto(posted[0]), null);
    }

    public async Task<ChannelMessagePageDto> GetListAsync(Guid channelId, GetChannelMessagesInput input, CancellationToken cancellationToken)
    {
        RequireTenant();
        var pageSize = input.PageSize ?? ChannelConsts.DefaultPageSize;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (pageSize is < 1 or > ChannelConsts.MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {ChannelConsts.MaxPageSize}."];
        }

        if (input.BeforeSequence is < 1)
        {
            errors["beforeSequence"] = ["Sequences start at 1."];
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        _ = await channels.FindAsync(channelId, cancellationToken) ?? throw new EntityNotFoundException("Channel", channelId);
        var page = await channels.ListMessagesAsync(channelId, input.BeforeSequence, pageSize + 1, cancellationToken);
        var items = page.Take(pageSize).Select(ChannelMapping.ToDto).ToList();
        return new ChannelMessagePageDto(items, page.Count > pageSize ? items[^1].Sequence : null);
    }

    public async Task<DelayedMessageDto> GetDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken)
    {
        RequireTenant();
        var message = await delayedMessages.FindAsync(id, cancellationToken);
        return message is not null && message.ChannelId == channelId
            ? ChannelMapping.ToDto(message)
            : throw new EntityNotFoundException("Delayed message", id);
    }

    public async Task<PagedResultDto<DelayedMessageDto>> GetDelayedListAsync(Guid channelId, GetDelayedMessagesInput input,
        CancellationToken cancellationToken)
    {
        RequireTenant();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (skip, take) = ChannelInput.ValidatePaging(input.SkipCount, input.MaxResultCount, errors);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        _ = await channels.FindAsync(channelId, cancellationToken) ?? throw new EntityNotFoundException("Channel", channelId);
        var (total, items) = await delayedMessages.ListAsync(channelId, input.Status, skip, take, cancellationToken);
        return new PagedResultDto<DelayedMessageDto>(total, items.Select(ChannelMapping.ToDto).ToList());
    }

    public async Task<DelayedMessageDto> CancelDelayedAsync(Guid channelId, Guid id, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (message, cancelledNow) = await unitOfWork.RunAsync(async token =>
                {
                    var message = await delayedMessages.FindAsync(id, token);
                    if (message is null || message.ChannelId != channelId)
                    {
                        throw new EntityNotFoundException("Delayed message", id);
                    }

                    var waiting = message.Status == DelayedMessageStatus.Waiting;
                    message.Cancel(clock.GetUtcNow().UtcDateTime);
                    if (waiting)
                    {
                        await delayedMessages.ReleaseAsync(tenantId, 1, token);
                    }

                    return (message, waiting);
                }, cancellationToken);
                if (cancelledNow)
                {
                    metrics.Cancelled();
                    LogCancelled(logger, id, channelId, tenantId);
                }

                return ChannelMapping.ToDto(message);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Delivered (or cancelled) meanwhile: read it again, which answers what became of it.
            }
        }
    }

    private async Task<DelayedMessageDto> ScheduleAsync(Guid tenantId, Guid channelId, string content, DateTime deliverAt,
        DelayedMessageOptions settings, CancellationToken cancellationToken)
    {
        var message = await RetryFirstReservationAsync(() => unitOfWork.RunAsync(async token =>
        {
            var channel = await channels.FindAsync(channelId, token) ?? throw new EntityNotFoundException("Channel", channelId);
            if (channel.IsArchived)
            {
                throw new ChannelArchivedException(channelId);
            }

            if (!await delayedMessages.TryReserveAsync(tenantId, settings.MaxWaitingPerTenant, token))
            {
                metrics.Refused();
                throw new TooManyRequestsException(ChannelErrorCodes.DelayedQueueFull,
                    $"The tenant already has {settings.MaxWaitingPerTenant} delayed messages waiting, its limit; nothing was stored.",
                    settings.FullRetryAfter);
            }

            var delayed = DelayedMessage.Schedule(tenantId, channelId, content, currentUser.Name, deliverAt, clock.GetUtcNow().UtcDateTime);
            delayedMessages.Add(delayed);
            unitOfWork.OnCommitted(signal.Notify);
            return delayed;
        }, cancellationToken));
        metrics.Scheduled();
        LogScheduled(logger, message.Id, channelId, tenantId, deliverAt);
        return ChannelMapping.ToDto(message);
    }

    /// <summary>Two first posts of a tenant both insert its quota row; the loser's unique violation is retried and finds the row.</summary>
    private static async Task<T> RetryFirstReservationAsync<T>(Func<Task<T>> schedule)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await schedule();
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
            }
        }
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Channels belong to tenants: call with a tenant's API key.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Delayed message {DelayedMessageId} for channel {ChannelId} of tenant {TenantId} scheduled at {DeliverAt:o}")]
    private static partial void LogScheduled(ILogger logger, Guid delayedMessageId, Guid channelId, Guid tenantId, DateTime deliverAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delayed message {DelayedMessageId} for channel {ChannelId} of tenant {TenantId} cancelled")]
    private static partial void LogCancelled(ILogger logger, Guid delayedMessageId, Guid channelId, Guid tenantId);
}
