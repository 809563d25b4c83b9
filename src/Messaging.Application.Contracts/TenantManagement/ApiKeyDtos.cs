using System.ComponentModel.DataAnnotations;

namespace Messaging.TenantManagement;

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The only time the raw key leaves the server; it is stored hashed.</summary>
public sealed record ApiKeyCreatedDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, string Key);

public sealed class CreateApiKeyDto
{
    [Required]
    public string? Name { get; set; }
}
