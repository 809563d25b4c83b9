using Messaging.Authorization;
using Messaging.EmailQueue.Inbound;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>The tenant's email-routing workers; a worker's signing secret is shown when it is created or rotated, never again.</summary>
[ApiController]
[Route("api/app/email-inbound-worker")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class InboundWorkerController(IInboundWorkerAppService workers) : ControllerBase
{
    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<InboundWorkerDto>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<InboundWorkerDto>> GetListAsync(CancellationToken cancellationToken) => workers.GetListAsync(cancellationToken);

    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet("{id:guid}")]
    [ProducesResponseType<InboundWorkerDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<InboundWorkerDto> GetAsync(Guid id, CancellationToken cancellationToken) => workers.GetAsync(id, cancellationToken);

    /// <summary>Creates a worker and answers its signing secret (<c>whsec_...</c>) this once.</summary>
    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpPost]
    [ProducesResponseType<InboundWorkerSecretDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<InboundWorkerSecretDto>> CreateAsync([FromBody] SetInboundWorkerDto input, CancellationToken cancellationToken)
    {
        var created = await workers.CreateAsync(input, cancellationToken);
        return Created($"/api/app/email-inbound-worker/{created.Worker.Id}", created);
    }

    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpPut("{id:guid}")]
    [ProducesResponseType<InboundWorkerDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<InboundWorkerDto> UpdateAsync(Guid id, [FromBody] SetInboundWorkerDto input, CancellationToken cancellationToken) =>
        workers.UpdateAsync(id, input, cancellationToken);

    /// <summary>Replaces the signing secret at once on every instance and answers the new one this once.</summary>
    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpPost("{id:guid}/rotate-secret")]
    [ProducesResponseType<InboundWorkerSecretDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<InboundWorkerSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken) => workers.RotateSecretAsync(id, cancellationToken);

    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await workers.DeleteAsync(id, cancellationToken);
        return NoContent();
    }
}
