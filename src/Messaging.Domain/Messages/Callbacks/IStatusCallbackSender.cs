namespace Messaging.Messages.Callbacks;

/// <summary>
/// Posts one signed status callback to a tenant's address, through the guard that keeps tenant-supplied addresses off
/// private networks. One attempt; retrying is the caller's. Never throws for what the tenant's server did, only when cancelled.
/// </summary>
public interface IStatusCallbackSender
{
    Task<CallbackPostResult> PostAsync(CallbackPost post, CancellationToken cancellationToken);
}

/// <param name="Headers">Signature, timestamp and event id headers, already computed.</param>
public sealed record CallbackPost(Uri Url, byte[] Body, IReadOnlyDictionary<string, string> Headers);

public enum CallbackPostOutcome
{
    /// <summary>The tenant's server answered 2xx.</summary>
    Delivered,

    /// <summary>A failure that may pass: no answer, a timeout, or an answer other than 2xx. Retried with backoff.</summary>
    Failed,

    /// <summary>The address is not one we may call (private, loopback, link-local...). Not retried: it would be refused again.</summary>
    Refused
}

public sealed record CallbackPostResult(CallbackPostOutcome Outcome, int? StatusCode, string? Error)
{
    public static CallbackPostResult Delivered(int statusCode) => new(CallbackPostOutcome.Delivered, statusCode, null);

    public static CallbackPostResult Failed(int? statusCode, string error) => new(CallbackPostOutcome.Failed, statusCode, error);

    public static CallbackPostResult Refused(string error) => new(CallbackPostOutcome.Refused, null, error);
}
