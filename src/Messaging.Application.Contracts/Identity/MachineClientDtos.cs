using System.ComponentModel.DataAnnotations;

namespace Messaging.Identity;

/// <param name="ClientId">What the client sends as <c>client_id</c> to <c>/connect/token</c>.</param>
/// <param name="Permissions">What its tokens may do; null for everything its side may.</param>
public sealed record MachineClientDto(Guid Id, string ClientId, string DisplayName, IReadOnlyList<string>? Permissions);

/// <summary>The only time the client secret leaves the server; it is stored hashed.</summary>
public sealed record MachineClientSecretDto(Guid Id, string ClientId, string DisplayName, IReadOnlyList<string>? Permissions, string ClientSecret);

public sealed class MachineClientCreateUpdateDto
{
    [Required]
    public string? DisplayName { get; set; }

    /// <summary>
    /// The permissions its tokens get (<c>Messaging.Messages.Send</c> for a client that may only send); left out, everything
    /// its tenant (or the host) may.
    /// </summary>
    public List<string>? Permissions { get; set; }
}

/// <summary>
/// The machine clients of the caller's tenant (the host's for the host), on ABP's OpenIddict route: confidential clients
/// using client credentials, like API keys with a subset of permissions; another tenant's client is not found.
/// </summary>
public interface IMachineClientAppService
{
    Task<IReadOnlyList<MachineClientDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<MachineClientDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<MachineClientSecretDto> CreateAsync(MachineClientCreateUpdateDto input, CancellationToken cancellationToken = default);

    Task<MachineClientDto> UpdateAsync(Guid id, MachineClientCreateUpdateDto input, CancellationToken cancellationToken = default);

    /// <summary>A new secret replaces the old one, which no token request is granted with any more.</summary>
    Task<MachineClientSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}
