using Messaging.Dtos;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Admin;

/// <summary>
/// Dead letters of the caller's queue (a tenant's, or the host's own mail for the host's operators): listed with
/// filters; replayed one (optionally corrected), by ids or by filter at a paced rate, with a renewed allowance of
/// attempts; purged by ids or filter. Every replay and purge is audited.
/// </summary>
public sealed partial class EmailDeadLetterAppService(
    EmailQueueOwner owner,
    IEmailEventRepository repository,
    IUnitOfWork unitOfWork,
    EmailQueueSignal signal,
    EmailQueueMetrics metrics,
    DeadLetterReplay replay,
    DeadLetterPurge purge,
    EmailQueueAuditLog audit,
    IOptionsMonitor<EmailQueueOptions> options,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<EmailDeadLetterAppService> logger) : IEmailDeadLetterAppService
{
    public const int MaxPageSize = 200;
    public const int MaxIds = 1_000;

    public async Task<PagedResultDto<EmailEventDto>> GetListAsync(GetEmailDeadLettersInput input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        EmailQueuePaging.Validate(input.SkipCount, input.MaxResultCount, MaxPageSize);
        var (total, page) = await repository.GetDeadLettersAsync(
            new EmailDeadLetterFilter(input.Type, input.ErrorClass, Code(input.Code), input.From, input.To),
            input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<EmailEventDto>(total, page.Select(EmailEventMapping.ToDto).ToList());
    }

    public async Task<EmailEventDto> ReplayAsync(Guid id, ReplayEmailDeadLetterDto? input = null, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var tenantId = scope.TenantId;
        await unitOfWork.RunAsync(async token =>
        {
            var deadLetter = await repository.FindForUpdateAsync(id, token);
            if (deadLetter is not { Status: EmailEventStatus.DeadLettered })
            {
                throw new EntityNotFoundException("EmailDeadLetter", id);
            }

            if (input is { Recipient: not null } or { Payload: not null })
            {
                var corrected = Corrected(deadLetter, input);
                deadLetter.Correct(corrected.To!, EmailPayloadJson.Store(corrected));
            }

            deadLetter.Replay(clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.DeadLetters, id, EmailQueueAuditChange.Replayed,
                new { input?.Recipient, input?.Payload }, count: 1);
            unitOfWork.OnCommitted(signal.Notify);
            return true;
        }, cancellationToken);
        metrics.Replayed(1);
        LogReplayed(logger, 1, "one", tenantId, currentUser.Name, currentUser.Id);
        return EmailEventMapping.ToDto((await repository.FindWithAttemptsAsync(id, cancellationToken))!);
    }

    public async Task<ReplayEmailEventsResultDto> ReplayManyAsync(ReplayEmailEventsDto input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var tenantId = scope.TenantId;
        var ids = RequireIds(input.Ids, "replay");
        var pace = ReplayPace.Of(input.RatePerSecond, options.CurrentValue, clock.GetUtcNow().UtcDateTime);
        var progress = new DeadLetterProgress();
        try
        {
            await replay.ReplayAsync(ids, pace, progress, cancellationToken);
        }
        finally
        {
            await RecordAsync(tenantId, EmailQueueAuditChange.Replayed, new { ids, input.RatePerSecond }, progress, "ids");
        }

        return new ReplayEmailEventsResultDto(progress.Count, progress.LastDueAt);
    }

    public async Task<ReplayEmailEventsResultDto> ReplayMatchingAsync(ReplayMatchingEmailDeadLettersDto input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var tenantId = scope.TenantId;
        var pace = ReplayPace.Of(input.RatePerSecond, options.CurrentValue, clock.GetUtcNow().UtcDateTime);
        var filter = Filter(input);
        var progress = new DeadLetterProgress();
        try
        {
            await replay.ReplayMatchingAsync(filter, pace, progress, cancellationToken);
        }
        finally
        {
            await RecordAsync(tenantId, EmailQueueAuditChange.Replayed, new { filter, input.RatePerSecond }, progress, "filter");
        }

        return new ReplayEmailEventsResultDto(progress.Count, progress.LastDueAt);
    }

    public async Task<PurgeEmailDeadLettersResultDto> PurgeAsync(PurgeEmailDeadLettersDto input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var tenantId = scope.TenantId;
        var ids = RequireIds(input.Ids, "purge");
        var progress = new DeadLetterProgress();
        try
        {
            await purge.PurgeAsync(ids, progress, cancellationToken);
        }
        finally
        {
            await RecordAsync(tenantId, EmailQueueAuditChange.Purged, new { ids }, progress, "ids");
        }

        return new PurgeEmailDeadLettersResultDto(progress.Count);
    }

    public async Task<PurgeEmailDeadLettersResultDto> PurgeMatchingAsync(EmailDeadLetterFilterDto input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var tenantId = scope.TenantId;
        var filter = Filter(input);
        var progress = new DeadLetterProgress();
        try
        {
            await purge.PurgeMatchingAsync(filter, clock.GetUtcNow().UtcDateTime, progress, cancellationToken);
        }
        finally
        {
            await RecordAsync(tenantId, EmailQueueAuditChange.Purged, new { filter }, progress, "filter");
        }

        return new PurgeEmailDeadLettersResultDto(progress.Count);
    }

    public async Task<PagedResultDto<EmailDeadLetterAuditDto>> GetAuditAsync(GetEmailDeadLetterAuditInput input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        EmailQueuePaging.Validate(input.SkipCount, input.MaxResultCount, MaxPageSize);
        var (total, page) = await audit.ListAsync([EmailQueueAuditSubjects.DeadLetters], input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<EmailDeadLetterAuditDto>(total, page.Select(a =>
            new EmailDeadLetterAuditDto(a.Id, a.Change.ToString(), a.SubjectId, a.ChangedBy, a.ChangedByName, a.State, a.Count ?? 0, a.At)).ToList());
    }

    /// <summary>The dead letter's payload with the corrections applied, validated as on publishing: a 400 names every field to correct.</summary>
    private static EmailPayload Corrected(EmailEvent deadLetter, ReplayEmailDeadLetterDto corrections)
    {
        var payload = corrections.Payload is { } replacement
            ? EmailPayloadJson.Read(deadLetter.Type, replacement)
            : EmailPayloadJson.Load(deadLetter.Type, deadLetter.PayloadJson);
        if (corrections.Recipient is { } recipient)
        {
            payload = payload with { To = recipient };
        }

        var errors = payload.Validate()
            .ToDictionary(e => corrections.Recipient is not null && e.Key == EmailPayloadErrors.Prefix + "to" ? "recipient" : e.Key, e => e.Value,
                StringComparer.Ordinal);
        return errors.Count > 0 ? throw new InputValidationException(errors) : payload;
    }

    /// <summary>Written even when the operation failed part-way, with what it did; a client that went away does not stop it.</summary>
    private async Task RecordAsync(Guid tenantId, EmailQueueAuditChange change, object request, DeadLetterProgress progress, string selection)
    {
        await unitOfWork.RunAsync(_ =>
        {
            audit.Record(tenantId, EmailQueueAuditSubjects.DeadLetters, null, change, request, progress.Count);
            return Task.FromResult(true);
        }, CancellationToken.None);
        if (change == EmailQueueAuditChange.Replayed)
        {
            LogReplayed(logger, progress.Count, selection, tenantId, currentUser.Name, currentUser.Id);
        }
        else
        {
            LogPurged(logger, progress.Count, selection, tenantId, currentUser.Name, currentUser.Id);
        }
    }

    private static List<Guid> RequireIds(IReadOnlyList<Guid>? ids, string operation) =>
        ids is { Count: > 0 and <= MaxIds }
            ? ids.Distinct().ToList()
            : throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["ids"] = [$"Name 1 to {MaxIds} dead letters to {operation}."]
            });

    private static EmailDeadLetterFilter Filter(EmailDeadLetterFilterDto input) =>
        new(input.Type, input.ErrorClass, Code(input.Code), input.From, input.To);

    private static string? Code(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} dead-lettered email events of tenant {TenantId} replayed by {Selection} by {ActorName} ({ActorId})")]
    private static partial void LogReplayed(ILogger logger, int count, string selection, Guid tenantId, string? actorName, Guid? actorId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Count} dead-lettered email events of tenant {TenantId} purged by {Selection} by {ActorName} ({ActorId})")]
    private static partial void LogPurged(ILogger logger, int count, string selection, Guid tenantId, string? actorName, Guid? actorId);
}
