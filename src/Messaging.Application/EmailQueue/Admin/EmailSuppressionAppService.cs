using Messaging.Dtos;
using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Admin;

public sealed class EmailSuppressionAppService(EmailQueueOwner owner, IEmailSuppressionRepository repository) : IEmailSuppressionAppService
{
    public const int MaxPageSize = 200;

    public async Task<PagedResultDto<EmailSuppressionDto>> GetListAsync(GetEmailSuppressionsInput input, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        EmailQueuePaging.Validate(input.SkipCount, input.MaxResultCount, MaxPageSize);
        var (total, page) = await repository.ListAsync(input.Address, input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<EmailSuppressionDto>(total, page.Select(s => new EmailSuppressionDto(s.Address, s.EmailEventId, s.Reason, s.CreatedAt)).ToList());
    }

    public async Task DeleteAsync(string address, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        if (!await repository.RemoveAsync(address, cancellationToken))
        {
            throw new EntityNotFoundException("EmailSuppression", address);
        }
    }
}
