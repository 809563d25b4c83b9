using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.TenantManagement;

[ApiController]
[Route("api/app/api-key")]
[Authorize(Policy = MessagingPolicies.Tenant)]
[Authorize(Policy = TenantManagementPermissions.ApiKeys)]
public sealed class ApiKeyController(IApiKeyAppService apiKeys) : ControllerBase
{
    [HttpGet]
    public Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken) => apiKeys.GetListAsync(cancellationToken);

    /// <summary>Creates a key; the raw key is in this answer only.</summary>
    [HttpPost]
    [ProducesResponseType<ApiKeyCreatedDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ApiKeyCreatedDto>> CreateAsync([FromBody] CreateApiKeyDto input, CancellationToken cancellationToken)
    {
        var created = await apiKeys.CreateAsync(input, cancellationToken);
        return StatusCode(StatusCodes.Status201Created, created);
    }

    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await apiKeys.RevokeAsync(id, cancellationToken);
        return NoContent();
    }
}
