namespace Messaging.ProviderEmulator;

/// <summary>The credentials the emulated providers accept; a value left null accepts any.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The WhatsApp Cloud API access token (bearer).</summary>
    public string? WhatsAppAccessToken { get; set; }

    /// <summary>The SMS account SID (basic auth user, and the account in the path).</summary>
    public string? SmsAccountSid { get; set; }

    public string? SmsAuthToken { get; set; }

    /// <summary>When set, webhooks whose signature does not verify with it are answered 401.</summary>
    public string? WebhookSigningSecret { get; set; }
}
