using Messaging.Dtos;
using Messaging.MultiTenancy;
using Messaging.Users;

namespace Messaging.Identity;

/// <summary>Writes security log entries for the current tenant, naming who acts.</summary>
public sealed class SecurityLog(ISecurityLogRepository entries, ICurrentTenant currentTenant, ICurrentUser currentUser, TimeProvider clock)
{
    public Task WriteAsync(SecurityLogAction action, string? userName, string? clientIpAddress = null, CancellationToken cancellationToken = default) =>
        entries.AddAsync(new SecurityLogEntry(Guid.CreateVersion7(), currentTenant.Id, action, userName, clientIpAddress, currentUser.Name,
            clock.GetUtcNow().UtcDateTime), cancellationToken);
}

public sealed class SecurityLogAppService(ISecurityLogRepository entries) : ISecurityLogAppService
{
    public async Task<PagedResultDto<SecurityLogDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default)
    {
        if (skipCount < 0 || maxResultCount is < 1 or > 1000)
        {
            throw IdentityUserAppService.Invalid("maxResultCount", "skipCount must be 0 or more and maxResultCount between 1 and 1000.");
        }

        var (items, total) = await entries.GetListAsync(skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<SecurityLogDto>(total, items
            .Select(entry => new SecurityLogDto(entry.Id, entry.Action, entry.UserName, entry.ClientIpAddress, entry.ActorName, entry.CreatedAt))
            .ToList());
    }
}
