using Messaging.Authorization;
using Messaging.Dtos;
using Messaging.EmailQueue.Inbound;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>
/// The tenant's rules for inbound email: filter rules decide the answer in order, watch rules count hits, dynamic rules are
/// made by phase 2 for repeated subjects. Every change is audited and reaches every instance's rule cache at once.
/// </summary>
[ApiController]
[Route("api/app/email-rule")]
public sealed class EmailRuleController(IEmailRuleAppService rules) : ControllerBase
{
    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet]
    [ProducesResponseType<PagedResultDto<EmailRuleDto>>(StatusCodes.Status200OK)]
    public Task<PagedResultDto<EmailRuleDto>> GetListAsync([FromQuery] GetEmailRulesInput input, CancellationToken cancellationToken) =>
        rules.GetListAsync(input, cancellationToken);

    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet("{id:guid}")]
    [ProducesResponseType<EmailRuleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<EmailRuleDto> GetAsync(Guid id, CancellationToken cancellationToken) => rules.GetAsync(id, cancellationToken);

    /// <summary>Creates a filter or watch rule; a regular expression that does not compile is a 422.</summary>
    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpPost]
    [ProducesResponseType<EmailRuleDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<ActionResult<EmailRuleDto>> CreateAsync([FromBody] SetEmailRuleDto input, CancellationToken cancellationToken)
    {
        var created = await rules.CreateAsync(input, cancellationToken);
        return Created($"/api/app/email-rule/{created.Id}", created);
    }

    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpPut("{id:guid}")]
    [ProducesResponseType<EmailRuleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<EmailRuleDto> UpdateAsync(Guid id, [FromBody] SetEmailRuleDto input, CancellationToken cancellationToken) =>
        rules.UpdateAsync(id, input, cancellationToken);

    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.InboundManage)]
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await rules.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    /// <summary>Every change of the tenant's rules and workers, newest first: who, when, what, and the state after it.</summary>
    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet("audit")]
    [ProducesResponseType<PagedResultDto<EmailRuleAuditDto>>(StatusCodes.Status200OK)]
    public Task<PagedResultDto<EmailRuleAuditDto>> GetAuditAsync([FromQuery] GetEmailRuleAuditInput input, CancellationToken cancellationToken) =>
        rules.GetAuditAsync(input, cancellationToken);

    /// <summary>This instance's rule cache: entries, hits, misses, hit rate and evictions.</summary>
    [Authorize(Policy = MessagingPolicies.HostAdmin)]
    [Authorize(Policy = EmailQueuePermissions.InboundOperations)]
    [HttpGet("cache/stats")]
    [ProducesResponseType<RuleCacheStatsDto>(StatusCodes.Status200OK)]
    public RuleCacheStatsDto GetCacheStats() => rules.GetCacheStats();
}
