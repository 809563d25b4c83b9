using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Messages;

/// <summary>A tenant's delivery providers: which one serves each channel, with its settings, and the sandbox's records.</summary>
[ApiController]
[Route("api/app/message-provider")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class MessageProviderController(IMessageProviderAppService providers) : ControllerBase
{
    [Authorize(Policy = MessagesPermissions.Default)]
    [HttpGet]
    public IReadOnlyList<MessageProviderDto> GetProviders() => providers.GetProviders();

    /// <summary>The tenant's configured channels; secrets show only as whether they are set.</summary>
    [Authorize(Policy = MessagesPermissions.Default)]
    [HttpGet("configurations")]
    public Task<IReadOnlyList<ProviderConfigurationDto>> GetConfigurationsAsync(CancellationToken cancellationToken) =>
        providers.GetConfigurationsAsync(cancellationToken);

    [Authorize(Policy = MessagesPermissions.Providers)]
    [HttpPut("configurations/{channel}")]
    [ProducesResponseType<ProviderConfigurationDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<ProviderConfigurationDto> SetConfigurationAsync(MessageChannel channel, [FromBody] SetProviderConfigurationDto input,
        CancellationToken cancellationToken) =>
        providers.SetConfigurationAsync(channel, input, cancellationToken);

    [Authorize(Policy = MessagesPermissions.Providers)]
    [HttpDelete("configurations/{channel}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteConfigurationAsync(MessageChannel channel, CancellationToken cancellationToken)
    {
        await providers.DeleteConfigurationAsync(channel, cancellationToken);
        return NoContent();
    }

    /// <summary>What the sandbox provider recorded instead of sending, newest first.</summary>
    [Authorize(Policy = MessagesPermissions.Default)]
    [HttpGet("sandbox")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<SandboxDeliveryDto>> GetSandboxDeliveriesAsync([FromQuery] GetSandboxDeliveriesInput input,
        CancellationToken cancellationToken) =>
        providers.GetSandboxDeliveriesAsync(input, cancellationToken);
}
