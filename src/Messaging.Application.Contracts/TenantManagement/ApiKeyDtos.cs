using System.ComponentModel.DataAnnotations;

namespace Messaging.TenantManagement;

/// <param name="Permissions">What the key may do; null for everything its owner may.</param>
public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt,
    IReadOnlyList<string>? Permissions);

/// <summary>The only time the raw key leaves the server; it is stored hashed.</summary>
public sealed record ApiKeyCreatedDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, string Key, IReadOnlyList<string>? Permissions);

public sealed class CreateApiKeyDto
{
    [Required]
    public string? Name { get; set; }

    /// <summary>
    /// The permissions the key gets (<c>Messaging.Messages.Send</c> for a key that may only send); left out, the key may do
    /// everything its owner may.
    /// </summary>
    public List<string>? Permissions { get; set; }
}
