using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>The static roles the caller's side gives, with what they grant.</summary>
[ApiController]
[Route("api/identity/roles")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.Roles)]
public sealed class IdentityRoleController(IIdentityRoleAppService roles) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<IdentityRoleDto>> GetListAsync(CancellationToken cancellationToken) => roles.GetListAsync(cancellationToken);
}
