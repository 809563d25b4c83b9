namespace Messaging.Messages;

public sealed record MessageProviderDto(string Name, IReadOnlyList<MessageChannel> Channels);

/// <summary>A channel's provider as the tenant sees it: secrets are never returned, only whether they are set.</summary>
public sealed record ProviderConfigurationDto(
    MessageChannel Channel,
    string Provider,
    string? BaseUrl,
    string? SenderId,
    bool HasCredential,
    bool HasSigningSecret,
    DateTime UpdatedAt);

/// <summary>
/// A channel's provider settings. <see cref="Provider"/> defaults to the channel's own (whatsapp, sms, webhook).
/// A secret left out (null) keeps the stored one, as long as the provider and base URL stay the same; an empty string
/// removes it.
/// </summary>
public sealed class SetProviderConfigurationDto
{
    public string? Provider { get; set; }

    public string? BaseUrl { get; set; }

    public string? SenderId { get; set; }

    public string? Credential { get; set; }

    public string? SigningSecret { get; set; }
}

public sealed class GetSandboxDeliveriesInput
{
    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 50;

    public Guid? MessageId { get; set; }
}

public sealed record SandboxDeliveryDto(
    Guid Id,
    Guid MessageId,
    MessageChannel Channel,
    string Recipient,
    string Content,
    IReadOnlyDictionary<string, string>? Metadata,
    int Attempt,
    DateTime RecordedAt);
