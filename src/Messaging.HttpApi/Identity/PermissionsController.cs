using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>What a role is granted, on ABP's permission-management route (<c>providerName=R&amp;providerKey=viewer</c>).</summary>
[ApiController]
[Route("api/permission-management/permissions")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.Roles)]
public sealed class PermissionsController(IPermissionAppService permissions) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<PermissionListResultDto> GetAsync([FromQuery] string providerName, [FromQuery] string providerKey, CancellationToken cancellationToken) =>
        permissions.GetAsync(providerName, providerKey, cancellationToken);

    /// <summary>Grants or revokes the listed permissions of a tenant's own role; the others stay as they are.</summary>
    [HttpPut]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<PermissionListResultDto> UpdateAsync([FromQuery] string providerName, [FromQuery] string providerKey, UpdatePermissionsDto input,
        CancellationToken cancellationToken) =>
        permissions.UpdateAsync(providerName, providerKey, input, cancellationToken);
}
