namespace Messaging.Messages.Delivery;

public enum ProviderSetting
{
    /// <summary>The provider ignores the setting, so a tenant may not set it (a stray base URL would mislead).</summary>
    NotUsed,
    Optional,
    Required
}

/// <summary>
/// Which parts of a <see cref="ProviderEndpoint"/> a provider needs, so tenant configuration is checked by the rules of the
/// sender that will use it. <see cref="CredentialProblem"/> checks the credential's shape (such as "user:password") without
/// ever echoing it.
/// </summary>
public sealed record ProviderSettingsRules(
    ProviderSetting BaseUrl,
    ProviderSetting SenderId,
    ProviderSetting Credential,
    ProviderSetting SigningSecret)
{
    public static ProviderSettingsRules None { get; } =
        new(ProviderSetting.NotUsed, ProviderSetting.NotUsed, ProviderSetting.NotUsed, ProviderSetting.NotUsed);

    /// <summary>Describes what is wrong with a credential's shape, or returns null when it looks right.</summary>
    public Func<string, string?> CredentialProblem { get; init; } = _ => null;
}
