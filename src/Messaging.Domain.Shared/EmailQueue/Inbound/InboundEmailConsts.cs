namespace Messaging.EmailQueue.Inbound;

public static class InboundEmailConsts
{
    public const int MaxNameLength = 128;
    public const int MaxPatternLength = 512;
    public const int MaxTargetLength = 254;
    public const int MaxHeaderNameLength = 128;
    public const int MaxHeaderValueLength = 2048;
    public const int MaxHeaders = 100;
    public const int MaxSubjectLength = 998;
    public const int MaxWebhookIdLength = 128;

    /// <summary>SHA-256 of a tracked text, in hex.</summary>
    public const int KeyHashLength = 64;

    public const int MaxRulesPerTenant = 5_000;

    /// <summary>A webhook body larger than this is refused with 413 before its signature is checked.</summary>
    public const int MaxWebhookBodyBytes = 256 * 1024;

    /// <summary>Standard Webhooks' headers.</summary>
    public const string WebhookIdHeader = "webhook-id";
    public const string WebhookTimestampHeader = "webhook-timestamp";
    public const string WebhookSignatureHeader = "webhook-signature";

    /// <summary>Standard Webhooks' prefix of a signing secret; the rest is the key in Base64.</summary>
    public const string SecretPrefix = "whsec_";
}
