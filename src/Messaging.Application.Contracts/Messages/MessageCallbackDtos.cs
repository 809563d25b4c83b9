using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Messaging.Messages;

public sealed class SetMessageCallbackDto
{
    /// <summary>An absolute https URL (http only where the host admin allows private networks).</summary>
    [Required]
    public string? Url { get; set; }

    /// <summary>Optional: a secret of the tenant's choosing (32 to 256 visible ASCII characters) instead of a generated one.</summary>
    public string? Secret { get; set; }
}

/// <param name="Secret">Only in the answer that generated it; we keep it encrypted and never show it again.</param>
public sealed record MessageCallbackDto(
    string Url,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime SecretCreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret);
