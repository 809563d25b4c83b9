using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.EmailQueue.Admin;

public sealed class EmailSuppressionAppService(ICurrentTenant currentTenant, IEmailSuppressionRepository repository) : IEmailSuppressionAppService
{
    public const int MaxPageSize = 200;

    public async Task<PagedResultDto<EmailSuppressionDto>> GetListAsync(GetEmailSuppressionsInput input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        EmailQueuePaging.Validate(input.SkipCount, input.MaxResultCount, MaxPageSize);
        var (total, page) = await repository.ListAsync(input.Address, input.SkipCount, input.MaxResultCount, cancellationToken);
        return new PagedResultDto<EmailSuppressionDto>(total, page.Select(s => new EmailSuppressionDto(s.Address, s.EmailEventId, s.Reason, s.CreatedAt)).ToList());
    }

    public async Task DeleteAsync(string address, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        if (!await repository.RemoveAsync(address, cancellationToken))
        {
            throw new EntityNotFoundException("EmailSuppression", address);
        }
    }

    private void RequireTenant()
    {
        if (currentTenant.Id is null)
        {
            throw new ForbiddenException("Suppression lists belong to tenants: call with a tenant's API key.");
        }
    }
}
