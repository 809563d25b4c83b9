using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.TenantManagement;

[ApiController]
[Route("api/app/host-api-key")]
[Authorize(Policy = MessagingPolicies.HostAdmin)]
[Authorize(Policy = TenantManagementPermissions.HostApiKeys)]
public sealed class HostApiKeyController(IHostApiKeyAppService hostKeys) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken) => hostKeys.GetListAsync(cancellationToken);

    /// <summary>Creates a host admin key; the raw key is in this answer only.</summary>
    [HttpPost]
    [ProducesResponseType<ApiKeyCreatedDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ApiKeyCreatedDto>> CreateAsync([FromBody] CreateApiKeyDto input, CancellationToken cancellationToken)
    {
        var created = await hostKeys.CreateAsync(input, cancellationToken);
        return StatusCode(StatusCodes.Status201Created, created);
    }

    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await hostKeys.RevokeAsync(id, cancellationToken);
        return NoContent();
    }
}
