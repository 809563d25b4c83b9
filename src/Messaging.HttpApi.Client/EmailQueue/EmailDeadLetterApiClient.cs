using Messaging.Dtos;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>
/// Typed client for the tenant's dead letters. Replays and purges are not repeated after a failure whose outcome is
/// unknown (a repeat would answer other counts, or 404 for a replay that took place); only a 429 is retried.
/// </summary>
public sealed class EmailDeadLetterApiClient(HttpClient http, IOptions<MessagingClientOptions> options) : IEmailDeadLetterAppService
{
    private const string Path = "api/app/email-event/dead-letters";

    private readonly RemoteService _remote = new(http, options);

    public Task<PagedResultDto<EmailEventDto>> GetListAsync(GetEmailDeadLettersInput input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<PagedResultDto<EmailEventDto>>(HttpMethod.Get, RemoteService.WithQuery(Path,
            ("type", input.Type), ("errorClass", input.ErrorClass), ("code", input.Code), ("from", input.From), ("to", input.To),
            ("skipCount", input.SkipCount), ("maxResultCount", input.MaxResultCount)), Retry.Safe, cancellationToken: cancellationToken);

    public Task<EmailEventDto> ReplayAsync(Guid id, ReplayEmailDeadLetterDto? input = null, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<EmailEventDto>(HttpMethod.Post, $"{Path}/{id}/replay", Retry.OnlyWhenRefused, input ?? new ReplayEmailDeadLetterDto(),
            cancellationToken: cancellationToken);

    public Task<ReplayEmailEventsResultDto> ReplayManyAsync(ReplayEmailEventsDto input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<ReplayEmailEventsResultDto>(HttpMethod.Post, $"{Path}/replay", Retry.OnlyWhenRefused, input, cancellationToken: cancellationToken);

    public Task<ReplayEmailEventsResultDto> ReplayMatchingAsync(ReplayMatchingEmailDeadLettersDto input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<ReplayEmailEventsResultDto>(HttpMethod.Post, $"{Path}/replay-matching", Retry.OnlyWhenRefused, input,
            cancellationToken: cancellationToken);

    public Task<PurgeEmailDeadLettersResultDto> PurgeAsync(PurgeEmailDeadLettersDto input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<PurgeEmailDeadLettersResultDto>(HttpMethod.Post, $"{Path}/purge", Retry.OnlyWhenRefused, input, cancellationToken: cancellationToken);

    public Task<PurgeEmailDeadLettersResultDto> PurgeMatchingAsync(EmailDeadLetterFilterDto input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<PurgeEmailDeadLettersResultDto>(HttpMethod.Post, $"{Path}/purge-matching", Retry.OnlyWhenRefused, input,
            cancellationToken: cancellationToken);

    public Task<PagedResultDto<EmailDeadLetterAuditDto>> GetAuditAsync(GetEmailDeadLetterAuditInput input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<PagedResultDto<EmailDeadLetterAuditDto>>(HttpMethod.Get, RemoteService.WithQuery($"{Path}/audit",
            ("skipCount", input.SkipCount), ("maxResultCount", input.MaxResultCount)), Retry.Safe, cancellationToken: cancellationToken);
}
