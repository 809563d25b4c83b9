using Messaging.Messages.Delivery;

namespace Messaging.Infrastructure.Messages.Providers.Twilio;

/// <summary>
/// Twilio REST API error codes (<c>{"code":21211,"message":...,"status":400}</c>) sorted into what a retry can change;
/// codes not listed are judged by the HTTP status: 429 throttles, 408 and 5xx are transient, other 4xx permanent
/// (invalid or unsubscribed numbers, unroutable regions, refused credentials: see <see cref="WhatsAppErrorClassifier"/> on why).
/// </summary>
public static class TwilioErrorClassifier
{
    /// <summary>Too many requests, message rate exceeded, the From number's queue is full.</summary>
    private static readonly HashSet<int> Throttling = [20429, 14107, 21611];

    /// <summary>Internal server error, service unavailable.</summary>
    private static readonly HashSet<int> TransientCodes = [20500, 20503];

    public static SendResult Classify(int httpStatus, int? code, string? message, TimeSpan? retryAfter)
    {
        var errorCode = code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http-{httpStatus}";
        var error = ProviderHttp.Shorten(message);
        if (code is { } known && Throttling.Contains(known) || httpStatus == 429)
        {
            return SendResult.Throttled(errorCode, error, retryAfter);
        }

        return code is { } transient && TransientCodes.Contains(transient) || httpStatus is 408 or >= 500
            ? SendResult.Transient(errorCode, error)
            : SendResult.Permanent(errorCode, error);
    }
}
