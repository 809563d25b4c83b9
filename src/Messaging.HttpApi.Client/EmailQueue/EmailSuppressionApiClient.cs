using Messaging.Dtos;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>Typed client for the tenant's suppressed addresses; a removal is not repeated after an unknown outcome (a repeat would answer 404).</summary>
public sealed class EmailSuppressionApiClient(HttpClient http, IOptions<MessagingClientOptions> options) : IEmailSuppressionAppService
{
    private const string Path = "api/app/email-suppression";

    private readonly RemoteService _remote = new(http, options);

    public Task<PagedResultDto<EmailSuppressionDto>> GetListAsync(GetEmailSuppressionsInput input, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<PagedResultDto<EmailSuppressionDto>>(HttpMethod.Get, RemoteService.WithQuery(Path,
            ("address", input.Address), ("skipCount", input.SkipCount), ("maxResultCount", input.MaxResultCount)), Retry.Safe,
            cancellationToken: cancellationToken);

    public Task DeleteAsync(string address, CancellationToken cancellationToken = default) =>
        _remote.SendAsync(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(address)}", Retry.OnlyWhenRefused, cancellationToken: cancellationToken);
}
