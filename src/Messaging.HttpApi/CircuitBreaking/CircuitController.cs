using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.CircuitBreaking;

[ApiController]
[Route("api/app/message-provider/circuits")]
public sealed class CircuitController(ICircuitAppService circuits) : ControllerBase
{
    /// <summary>Each circuit's state, consecutive failures and next probe time: a tenant's own, or all for the host admin.</summary>
    [Authorize(Policy = CircuitBreakingPermissions.Circuits)]
    [HttpGet]
    [Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<IReadOnlyList<CircuitDto>> GetListAsync([FromQuery] Guid? tenantId, CancellationToken cancellationToken) =>
        circuits.GetListAsync(tenantId, cancellationToken);

    /// <summary>Refuses every call of the circuit until it is reset, whatever the provider answers.</summary>
    [Authorize(Policy = CircuitBreakingPermissions.Manage)]
    [HttpPost("{provider}/{tenantId}/force-open")]
    [Authorize(Policy = MessagingPolicies.HostAdmin)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<CircuitDto> ForceOpenAsync(string provider, Guid tenantId, CancellationToken cancellationToken) =>
        circuits.ForceOpenAsync(provider, tenantId, cancellationToken);

    /// <summary>Closes the circuit and forgets its failures.</summary>
    [Authorize(Policy = CircuitBreakingPermissions.Manage)]
    [HttpPost("{provider}/{tenantId}/reset")]
    [Authorize(Policy = MessagingPolicies.HostAdmin)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<CircuitDto> ResetAsync(string provider, Guid tenantId, CancellationToken cancellationToken) =>
        circuits.ResetAsync(provider, tenantId, cancellationToken);
}
