using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>The machine clients (client credentials) of the caller's tenant, or of the host, on ABP's OpenIddict route.</summary>
[ApiController]
[Route("api/openiddict/applications")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
[Authorize(Policy = IdentityPermissions.Clients)]
public sealed class MachineClientController(IMachineClientAppService clients) : ControllerBase
{
    /// <summary>The clients, without their secrets.</summary>
    [HttpGet]
    public Task<IReadOnlyList<MachineClientDto>> GetListAsync(CancellationToken cancellationToken) => clients.GetListAsync(cancellationToken);

    /// <summary>One client, without its secret.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MachineClientDto> GetAsync(Guid id, CancellationToken cancellationToken) => clients.GetAsync(id, cancellationToken);

    /// <summary>Creates a client; its generated secret is in this answer only.</summary>
    [HttpPost]
    [ProducesResponseType<MachineClientSecretDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<MachineClientSecretDto>> CreateAsync([FromBody] MachineClientCreateUpdateDto input, CancellationToken cancellationToken)
    {
        var created = await clients.CreateAsync(input, cancellationToken);
        return Created($"/api/openiddict/applications/{created.Id}", created);
    }

    /// <summary>Changes the display name and permissions; tokens already issued carry the new permissions at their next use.</summary>
    [HttpPut("{id:guid}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MachineClientDto> UpdateAsync(Guid id, [FromBody] MachineClientCreateUpdateDto input, CancellationToken cancellationToken) =>
        clients.UpdateAsync(id, input, cancellationToken);

    /// <summary>Replaces the secret; the new one is in this answer only, and the old one gets no more tokens.</summary>
    [HttpPost("{id:guid}/secret")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MachineClientSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken) => clients.RotateSecretAsync(id, cancellationToken);

    /// <summary>Deletes the client; its tokens stop working at their next use.</summary>
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await clients.DeleteAsync(id, cancellationToken);
        return NoContent();
    }
}
