using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Identity;

/// <summary>The signed-in user's own account, on ABP's route; API keys and machine clients have none (404), only their permissions.</summary>
[ApiController]
[Route("api/account/my-profile")]
[Authorize(Policy = MessagingPolicies.HostAdminOrTenant)]
public sealed class MyProfileController(IProfileAppService profile) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ProfileDto> GetAsync(CancellationToken cancellationToken) => profile.GetAsync(cancellationToken);

    [HttpPut]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<ProfileDto> UpdateAsync([FromBody] UpdateProfileDto input, CancellationToken cancellationToken) =>
        profile.UpdateAsync(input, cancellationToken);

    [HttpPost("change-password")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ChangePasswordAsync([FromBody] ChangePasswordInput input, CancellationToken cancellationToken)
    {
        await profile.ChangePasswordAsync(input, cancellationToken);
        return NoContent();
    }

    /// <summary>Whether the second factor is on; while it is off, the authenticator key to set it up with.</summary>
    [HttpGet("two-factor")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TwoFactorDto> GetTwoFactorAsync(CancellationToken cancellationToken) => profile.GetTwoFactorAsync(cancellationToken);

    [HttpPost("two-factor/enable")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TwoFactorDto> EnableTwoFactorAsync([FromBody] EnableTwoFactorInput input, CancellationToken cancellationToken) =>
        profile.EnableTwoFactorAsync(input, cancellationToken);

    [HttpPost("two-factor/disable")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<TwoFactorDto> DisableTwoFactorAsync(CancellationToken cancellationToken) => profile.DisableTwoFactorAsync(cancellationToken);

    /// <summary>New single-use recovery codes, shown only in this answer; the old ones stop working. Only while the second factor is on.</summary>
    [HttpPost("two-factor/recovery-codes")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<RecoveryCodesDto> GenerateRecoveryCodesAsync(CancellationToken cancellationToken) => profile.GenerateRecoveryCodesAsync(cancellationToken);

    /// <summary>The caller's tenant and permissions, for the admin UI's menus and buttons; an API key gets its own too.</summary>
    [HttpGet("permissions")]
    public Task<GrantedPermissionsDto> GetGrantedPermissionsAsync(CancellationToken cancellationToken) =>
        profile.GetGrantedPermissionsAsync(cancellationToken);
}
