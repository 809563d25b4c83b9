using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

/// <summary>The calling tenant's status callback.</summary>
[ApiController]
[Route("api/app/message-callback")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class MessageCallbackController(IMessageCallbackAppService callbacks) : ControllerBase
{
    [Authorize(Policy = MessagesPermissions.Default)]
    [HttpGet]
    [ProducesResponseType<MessageCallbackDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MessageCallbackDto> GetAsync(CancellationToken cancellationToken) => callbacks.GetAsync(cancellationToken);

    /// <summary>Creates or changes the callback; a generated secret is in this answer only.</summary>
    [Authorize(Policy = MessagesPermissions.Callbacks)]
    [HttpPut]
    [ProducesResponseType<MessageCallbackDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<MessageCallbackDto> SetAsync([FromBody] SetMessageCallbackDto input, CancellationToken cancellationToken) =>
        callbacks.SetAsync(input, cancellationToken);

    /// <summary>Replaces the secret; the new one is in this answer only.</summary>
    [Authorize(Policy = MessagesPermissions.Callbacks)]
    [HttpPost("rotate-secret")]
    [ProducesResponseType<MessageCallbackDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<MessageCallbackDto> RotateSecretAsync(CancellationToken cancellationToken) => callbacks.RotateSecretAsync(cancellationToken);

    [Authorize(Policy = MessagesPermissions.Callbacks)]
    [HttpDelete]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAsync(CancellationToken cancellationToken)
    {
        await callbacks.DeleteAsync(cancellationToken);
        return NoContent();
    }
}
