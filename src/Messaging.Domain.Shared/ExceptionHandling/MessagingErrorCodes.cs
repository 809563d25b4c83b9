namespace Messaging.ExceptionHandling;

/// <summary>Stable, documented codes carried in the problem response's <c>code</c> extension.</summary>
public static class MessagingErrorCodes
{
    public const string ValidationFailed = "Messaging:ValidationFailed";
    public const string NotFound = "Messaging:NotFound";
    public const string Forbidden = "Messaging:Forbidden";
    public const string Conflict = "Messaging:Conflict";
    public const string IdempotencyKeyReused = "Messaging:IdempotencyKeyReused";
    public const string BufferBackpressure = "Messaging:BufferBackpressure";
    public const string RateLimitExceeded = "Messaging:RateLimitExceeded";
    public const string BufferFull = "Messaging:BufferFull";
    public const string ShuttingDown = "Messaging:ShuttingDown";
    public const string StorageUnavailable = "Messaging:StorageUnavailable";
    public const string MessageNotStorable = "Messaging:MessageNotStorable";
    public const string TenantInactive = "Messaging:TenantInactive";
    public const string InvalidSettings = "Messaging:InvalidSettings";
    public const string MemoryPressure = "Messaging:MemoryPressure";
    public const string ProviderDoesNotSupportChannel = "Messaging:ProviderDoesNotSupportChannel";
    public const string ConcurrencyConflict = "Messaging:ConcurrencyConflict";
    public const string ReceiptSignatureInvalid = "Messaging:ReceiptSignatureInvalid";
    public const string ReceiptNotYetAttributable = "Messaging:ReceiptNotYetAttributable";
    public const string TooManyFailedAuthentications = "Messaging:TooManyFailedAuthentications";
    public const string MessageNotCancellable = "Messaging:MessageNotCancellable";
    public const string BatchExceedsRateLimit = "Messaging:BatchExceedsRateLimit";
    public const string StaticRole = "Messaging:StaticRole";
    public const string OwnAccount = "Messaging:OwnAccount";
    public const string WebhookSignatureInvalid = "Messaging:WebhookSignatureInvalid";
    public const string InboundWorkerDisabled = "Messaging:InboundWorkerDisabled";
    public const string InvalidRulePattern = "Messaging:InvalidRulePattern";
    public const string TooManyRules = "Messaging:TooManyRules";
}
