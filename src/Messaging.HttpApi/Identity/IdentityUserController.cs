using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>The users of the caller's tenant, or of the host, on ABP's route.</summary>
[ApiController]
[Route("api/identity/users")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.Users)]
public sealed class IdentityUserController(IIdentityUserAppService users) : ControllerBase
{
    [HttpGet]
    public Task<PagedResultDto<IdentityUserDto>> GetListAsync([FromQuery] int skipCount = 0, [FromQuery] int maxResultCount = 50,
        CancellationToken cancellationToken = default) =>
        users.GetListAsync(skipCount, maxResultCount, cancellationToken);

    [HttpGet("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken) => users.GetAsync(id, cancellationToken);

    [HttpPost]
    [ProducesResponseType<IdentityUserDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<IdentityUserDto>> CreateAsync([FromBody] IdentityUserCreateDto input, CancellationToken cancellationToken)
    {
        var user = await users.CreateAsync(input, cancellationToken);
        return Created($"/api/identity/users/{user.Id}", user);
    }

    /// <summary>Replaces the user's fields; an administrator may not disable their own account or take their own administrator role (422).</summary>
    [HttpPut("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<IdentityUserDto> UpdateAsync(Guid id, [FromBody] IdentityUserUpdateDto input, CancellationToken cancellationToken) =>
        users.UpdateAsync(id, input, cancellationToken);

    /// <summary>Deletes the user; an administrator may not delete their own account (422).</summary>
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(id, cancellationToken);
        return NoContent();
    }
}
