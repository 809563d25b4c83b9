using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Users;
using Microsoft.Extensions.Logging;

namespace Messaging.EmailQueue.Admin;

/// <summary>Dead letters of the current tenant: listed with filters; a replay queues them again with a renewed allowance of attempts.</summary>
public sealed partial class EmailDeadLetterAppService(
    ICurrentTenant currentTenant,
    IEmailEventRepository repository,
    IUnitOfWork unitOfWork,
    EmailQueueSignal signal,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<EmailDeadLetterAppService> logger) : IEmailDeadLetterAppService
{
    public const int MaxPageSize = 200;
    public const int MaxReplayIds = 1_000;

    public async Task<PagedResultDto<EmailEventDto>> GetListAsync(GetEmailDeadLettersInput input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        EmailQueuePaging.Validate(input.SkipCount, input.MaxResultCount, MaxPageSize);
        var (total, page) = await repository.GetDeadLettersAsync(
            new EmailDeadLetterFilter(input.Type, input.ErrorClass, string.IsNullOrWhiteSpace(input.Code) ? null : input.Code.Trim(), input.From, input.To),
            input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<EmailEventDto>(total, page.Select(EmailEventMapping.ToDto).ToList());
    }

    public async Task<EmailEventDto> ReplayAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        if (await ReplayAsync([id], cancellationToken) == 0)
        {
            throw new EntityNotFoundException("EmailDeadLetter", id);
        }

        return EmailEventMapping.ToDto((await repository.FindWithAttemptsAsync(id, cancellationToken))!);
    }

    public async Task<ReplayEmailEventsResultDto> ReplayManyAsync(ReplayEmailEventsDto input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        if (input.Ids is not { Count: > 0 and <= MaxReplayIds })
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["ids"] = [$"Name 1 to {MaxReplayIds} dead letters to replay."]
            });
        }

        return new ReplayEmailEventsResultDto(await ReplayAsync(input.Ids.Distinct().ToList(), cancellationToken));
    }

    private async Task<int> ReplayAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var replayed = await unitOfWork.RunAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var deadLetters = await repository.FindDeadLettersForUpdateAsync(ids, token);
            var count = deadLetters.Count(e => e.Replay(now));
            unitOfWork.OnCommitted(signal.Notify);
            return count;
        }, cancellationToken);
        LogReplayed(logger, replayed, ids.Count, currentTenant.Id!.Value, currentUser.Name, currentUser.Id);
        return replayed;
    }

    private void RequireTenant()
    {
        if (currentTenant.Id is null)
        {
            throw new ForbiddenException("Dead letters belong to tenants: call with a tenant's API key.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} of {Requested} named dead-lettered email events of tenant {TenantId} replayed by API key {ApiKeyName} ({ApiKeyId})")]
    private static partial void LogReplayed(ILogger logger, int count, int requested, Guid tenantId, string? apiKeyName, Guid? apiKeyId);
}
