using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Messaging.ServerSentEvents;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

public sealed partial class ChannelAppService(
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    IChannelRepository channels,
    IChannelListReader listReader,
    IUnitOfWork unitOfWork,
    ChannelMetadataCache metadata,
    IServerSentEventPublisher hub,
    IScopedAccessTokens tokens,
    IOptionsMonitor<ChannelOptions> options,
    TimeProvider clock,
    ILogger<ChannelAppService> logger) : IChannelAppService
{
    public async Task<ChannelDto> CreateAsync(CreateChannelDto input, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        var errors = ChannelInput.ValidateChannel(input.Name, input.Description, input.Tags, out var tags);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var channel = Channel.Create(tenantId, input.Name!.Trim(), input.Description, tags, currentUser.Name, clock.GetUtcNow().UtcDateTime);
        await unitOfWork.RunAsync(_ =>
        {
            channels.Add(channel);
            return Task.FromResult(true);
        }, cancellationToken);
        LogCreated(logger, channel.Id, tenantId);
        return ChannelMapping.ToDto(channel);
    }

    public async Task<ChannelDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        RequireTenant();
        return await metadata.GetOrLoadAsync(id, async token => await channels.FindAsync(id, token) is { } channel ? ChannelMapping.ToDto(channel) : null,
                   cancellationToken)
               ?? throw new EntityNotFoundException("Channel", id);
    }

    public async Task<PagedResultDto<ChannelListItemDto>> GetListAsync(GetChannelListInput input, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        var errors = ChannelInput.ValidateList(input, out var query);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var (total, items) = await listReader.ReadAsync(query, cancellationToken);
        return new PagedResultDto<ChannelListItemDto>(total, items.Select(summary => new ChannelListItemDto(
            summary.Channel.Id, summary.Channel.Name, summary.Channel.Description, summary.Channel.Tags, summary.Channel.CreatedBy,
            summary.Channel.CreatedAt, summary.Channel.IsArchived, summary.MessageCount,
            hub.CountSubscribers(ChannelEvents.Topic(tenantId, summary.Channel.Id)),
            ChannelMapping.ToDto(summary.Channel.Id, summary.LastMessage))).ToList());
    }

    public async Task<ChannelDto> UpdateAsync(Guid id, UpdateChannelDto input, CancellationToken cancellationToken)
    {
        RequireTenant();
        var errors = ChannelInput.ValidateChannel(input.Name, input.Description, input.Tags, out var tags);
        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var updated = await RetryOnConflictAsync(() => unitOfWork.RunAsync(async token =>
        {
            var channel = await channels.FindAsync(id, token) ?? throw new EntityNotFoundException("Channel", id);
            channel.Update(input.Name!.Trim(), input.Description, tags, input.IsArchived, clock.GetUtcNow().UtcDateTime);
            return channel;
        }, cancellationToken));
        await metadata.ForgetAsync(id, cancellationToken);
        return ChannelMapping.ToDto(updated);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        await unitOfWork.RunAsync(async token =>
        {
            var channel = await channels.FindAsync(id, token) ?? throw new EntityNotFoundException("Channel", id);
            await channels.DeleteAsync(channel, token);
            return true;
        }, cancellationToken);
        await metadata.ForgetAsync(id, cancellationToken);
        LogDeleted(logger, id, tenantId);
    }

    public async Task<ChannelSubscriptionTokenDto> IssueSubscriptionTokenAsync(Guid id, CancellationToken cancellationToken)
    {
        var tenantId = RequireTenant();
        await GetAsync(id, cancellationToken);
        var expiresAt = clock.GetUtcNow() + options.CurrentValue.SubscriptionTokenLifetime;
        var token = tokens.Issue(ChannelSubscriptionScope.For(tenantId, id), expiresAt);
        return new ChannelSubscriptionTokenDto(token, expiresAt.UtcDateTime, $"/api/app/channel/{id}/events?access_token={Uri.EscapeDataString(token)}");
    }

    /// <summary>A change racing with a post (the sequence is a concurrency token) is made again on what the post left.</summary>
    private static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await change();
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
            catch (ConcurrencyConflictException conflict)
            {
                throw new ServiceUnavailableException(MessagingErrorCodes.ConcurrencyConflict, "The channel is too busy to change now; try again.",
                    TimeSpan.FromSeconds(1), conflict);
            }
        }
    }

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Channels belong to tenants: call with a tenant's API key.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId} created for tenant {TenantId}")]
    private static partial void LogCreated(ILogger logger, Guid channelId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelId} of tenant {TenantId} deleted")]
    private static partial void LogDeleted(ILogger logger, Guid channelId, Guid tenantId);
}

/// <summary>What a subscription token grants: one tenant's one channel.</summary>
public static class ChannelSubscriptionScope
{
    private const string Prefix = "channel-events:";

    public static string For(Guid tenantId, Guid channelId) => $"{Prefix}{tenantId:N}:{channelId:N}";

    public static bool TryRead(string scope, out Guid tenantId, out Guid channelId)
    {
        tenantId = channelId = Guid.Empty;
        var parts = scope.StartsWith(Prefix, StringComparison.Ordinal) ? scope[Prefix.Length..].Split(':') : [];
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out tenantId) && Guid.TryParseExact(parts[1], "N", out channelId);
    }
}
