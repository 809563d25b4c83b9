namespace Messaging.EmailQueue;

public static class EmailQueueConsts
{
    /// <summary>The meter of the module's instruments, whichever layer records them.</summary>
    public const string MeterName = "Messaging.EmailQueue";

    /// <summary>
    /// The tenant id the host's own mail (host accounts' welcome and password-reset emails) is queued under: no tenant
    /// has it (tenant ids are version 7), and its SMTP server is <c>EmailQueue:HostSmtp</c> in the configuration.
    /// </summary>
    public static readonly Guid HostMailTenantId = Guid.Empty;

    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxAddressLength = 254;

    public const int MaxNameLength = 128;
    public const int MaxOrderNumberLength = 64;
    public const int MaxShortTextLength = 256;
    public const int MaxUrlLength = 2048;
    public const int MaxMessageLength = 10_000;

    /// <summary>The text of a plain message email: as long as the Messages module allows an Email message's content.</summary>
    public const int MaxMessageTextLength = 262_144;

    /// <summary>RFC 5322's limit on a line, so a subject fits one header line before folding.</summary>
    public const int MaxSubjectLength = 998;
    public const int MaxOrderItems = 100;
    public const int MaxCurrencyLength = 3;
    public const int MaxIdempotencyKeyLength = Idempotency.IdempotencyKey.MaxLength;
    public const int MaxEventTypeLength = 32;
    public const int MaxStatusLength = 16;
    public const int MaxPayloadLength = 64 * 1024;
    public const int MaxReplyCodeLength = 16;
    public const int MaxServerAnswerLength = 1000;
    public const int MaxHostLength = 253;
    public const int MaxSmtpUserNameLength = 256;
    public const int MaxSmtpPasswordLength = 256;

    /// <summary>Protected secrets are longer than the secret: Data Protection adds a key id, an IV and a MAC, then Base64.</summary>
    public const int MaxProtectedSecretLength = 1024;

    /// <summary>Requests larger than this are refused with 413 before any parsing work.</summary>
    public const int MaxRequestBodyBytes = 128 * 1024;

    /// <summary>The HTML or text part of a tenant's template: room for inline styles, not for embedded images.</summary>
    public const int MaxTemplatePartLength = 100_000;

    /// <summary>A template request holds up to three parts and, for a preview, a payload.</summary>
    public const int MaxTemplateRequestBodyBytes = 512 * 1024;
}
