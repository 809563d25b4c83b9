using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>The tenant's SMTP server; without one, its mail is written to the embedded pickup folder. The password is never echoed.</summary>
[ApiController]
[Route("api/app/email-smtp-settings")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class EmailSmtpSettingsController(IEmailSmtpSettingsAppService smtp) : ControllerBase
{
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet]
    [ProducesResponseType<SmtpSettingsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<SmtpSettingsDto> GetAsync(CancellationToken cancellationToken) => smtp.GetAsync(cancellationToken);

    [Authorize(Policy = EmailQueuePermissions.Smtp)]
    [HttpPut]
    [ProducesResponseType<SmtpSettingsDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<SmtpSettingsDto> SetAsync([FromBody] SetSmtpSettingsDto input, CancellationToken cancellationToken) =>
        smtp.SetAsync(input, cancellationToken);

    [Authorize(Policy = EmailQueuePermissions.Smtp)]
    [HttpDelete]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(CancellationToken cancellationToken)
    {
        await smtp.DeleteAsync(cancellationToken);
        return NoContent();
    }
}
