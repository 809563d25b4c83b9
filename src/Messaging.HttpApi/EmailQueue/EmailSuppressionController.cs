using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>
/// Addresses the tenant's mail server said do not exist; events to them end Suppressed without a call. The host's
/// operators see the host's own list (of its mail server) here.
/// </summary>
[ApiController]
[Route("api/app/email-suppression")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
public sealed class EmailSuppressionController(IEmailSuppressionAppService suppressions) : ControllerBase
{
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet]
    [ProducesResponseType<PagedResultDto<EmailSuppressionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<EmailSuppressionDto>> GetListAsync([FromQuery] GetEmailSuppressionsInput input, CancellationToken cancellationToken) =>
        suppressions.GetListAsync(input, cancellationToken);

    /// <summary>Lets mail to the address go out again; 404 when it is not listed.</summary>
    [Authorize(Policy = EmailQueuePermissions.Suppressions)]
    [HttpDelete("{address}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(string address, CancellationToken cancellationToken)
    {
        await suppressions.DeleteAsync(address, cancellationToken);
        return NoContent();
    }
}
