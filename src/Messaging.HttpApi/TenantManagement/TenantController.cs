using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.TenantManagement;

[ApiController]
[Route("api/app/tenant")]
[Authorize(Policy = MessagingPolicies.HostAdmin)]
[Authorize(Policy = TenantManagementPermissions.Tenants)]
public sealed class TenantController(ITenantAppService tenants) : ControllerBase
{
    [HttpGet]
    public Task<PagedResultDto<TenantDto>> GetListAsync([FromQuery] int skipCount = 0, [FromQuery] int maxResultCount = 50,
        CancellationToken cancellationToken = default) =>
        tenants.GetListAsync(skipCount, maxResultCount, cancellationToken);

    [HttpGet("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken) => tenants.GetAsync(id, cancellationToken);

    [HttpPost]
    [ProducesResponseType<TenantDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<TenantDto>> CreateAsync([FromBody] CreateTenantDto input, CancellationToken cancellationToken)
    {
        var tenant = await tenants.CreateAsync(input, cancellationToken);
        return Created($"/api/app/tenant/{tenant.Id}", tenant);
    }

    [HttpPut("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<TenantDto> UpdateAsync(Guid id, [FromBody] UpdateTenantDto input, CancellationToken cancellationToken) =>
        tenants.UpdateAsync(id, input, cancellationToken);

    /// <summary>Issues an API key for the tenant; the raw key is in this answer only.</summary>
    [HttpPost("{id:guid}/api-key")]
    [ProducesResponseType<ApiKeyCreatedDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ApiKeyCreatedDto>> CreateApiKeyAsync(Guid id, [FromBody] CreateApiKeyDto input, CancellationToken cancellationToken)
    {
        var created = await tenants.CreateApiKeyAsync(id, input, cancellationToken);
        return StatusCode(StatusCodes.Status201Created, created);
    }

    /// <summary>The limits that hold for the tenant now, and the override if one is set.</summary>
    [HttpGet("{id:guid}/rate-limit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TenantRateLimitDto> GetRateLimitAsync(Guid id, CancellationToken cancellationToken) =>
        tenants.GetRateLimitAsync(id, cancellationToken);

    /// <summary>Overrides the tier's limits for this tenant; a limit left out keeps the tier's.</summary>
    [HttpPut("{id:guid}/rate-limit")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TenantRateLimitDto> SetRateLimitOverrideAsync(Guid id, [FromBody] TenantRateLimitOverrideDto input,
        CancellationToken cancellationToken) =>
        tenants.SetRateLimitOverrideAsync(id, input, cancellationToken);

    /// <summary>Removes the override: the tier's limits hold again.</summary>
    [HttpDelete("{id:guid}/rate-limit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TenantRateLimitDto> ClearRateLimitOverrideAsync(Guid id, CancellationToken cancellationToken) =>
        tenants.ClearRateLimitOverrideAsync(id, cancellationToken);
}
