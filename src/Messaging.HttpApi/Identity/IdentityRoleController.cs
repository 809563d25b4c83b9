using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>The static roles the caller's side gives, and a tenant's own roles, with what they grant.</summary>
[ApiController]
[Route("api/identity/roles")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.Roles)]
public sealed class IdentityRoleController(IIdentityRoleAppService roles) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<IdentityRoleDto>> GetListAsync(CancellationToken cancellationToken) => roles.GetListAsync(cancellationToken);

    [HttpGet("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken) => roles.GetAsync(id, cancellationToken);

    [HttpPost]
    [ProducesResponseType<IdentityRoleDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<IdentityRoleDto>> CreateAsync(IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken)
    {
        var created = await roles.CreateAsync(input, cancellationToken);
        return Created($"api/identity/roles/{created.Id}", created);
    }

    [HttpPut("{id:guid}")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<IdentityRoleDto> UpdateAsync(Guid id, IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken) =>
        roles.UpdateAsync(id, input, cancellationToken);

    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await roles.DeleteAsync(id, cancellationToken);
        return NoContent();
    }
}
