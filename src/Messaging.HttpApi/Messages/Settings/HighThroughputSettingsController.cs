using Messaging.Authorization;
using Messaging.Dtos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.Messages.Settings;

[ApiController]
[Route("api/app/settings/high-throughput")]
[Authorize(Policy = MessagingPolicies.HostAdmin)]
[Authorize(Policy = MessagesPermissions.Settings)]
public sealed class HighThroughputSettingsController(IHighThroughputSettingsAppService settings) : ControllerBase
{
    /// <summary>The settings this instance runs with and the stored version they come from (0: configuration only).</summary>
    [HttpGet]
    public Task<HighThroughputSettingsDto> GetAsync(CancellationToken cancellationToken) => settings.GetAsync(cancellationToken);

    /// <summary>Validates, stores as a new version and applies on every instance; nothing changes when it is invalid.</summary>
    [HttpPut]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<HighThroughputSettingsDto> UpdateAsync([FromBody] UpdateHighThroughputSettingsDto input, CancellationToken cancellationToken) =>
        settings.UpdateAsync(input, cancellationToken);

    /// <summary>Every stored change, newest first: who, when, the settings before and after.</summary>
    [HttpGet("history")]
    public Task<PagedResultDto<HighThroughputSettingsChangeDto>> GetHistoryAsync([FromQuery] int skipCount = 0, [FromQuery] int maxResultCount = 20,
        CancellationToken cancellationToken = default) =>
        settings.GetHistoryAsync(skipCount, maxResultCount, cancellationToken);

    /// <summary>Stores a new version equal to an earlier one and applies it.</summary>
    [HttpPost("history/{version:int}/restore")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<HighThroughputSettingsDto> RestoreAsync(int version,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RestoreHighThroughputSettingsDto? input,
        CancellationToken cancellationToken) =>
        settings.RestoreAsync(version, input ?? new RestoreHighThroughputSettingsDto(), cancellationToken);
}
