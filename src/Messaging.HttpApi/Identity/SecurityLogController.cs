using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>Sign-ins, lockouts and account changes of the caller's tenant, newest first.</summary>
[ApiController]
[Route("api/identity/security-logs")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.SecurityLogs)]
public sealed class SecurityLogController(ISecurityLogAppService securityLogs) : ControllerBase
{
    [HttpGet]
    public Task<PagedResultDto<SecurityLogDto>> GetListAsync([FromQuery] int skipCount = 0, [FromQuery] int maxResultCount = 50,
        CancellationToken cancellationToken = default) =>
        securityLogs.GetListAsync(skipCount, maxResultCount, cancellationToken);
}
