using Messaging.Messages.Delivery;

namespace Messaging.Infrastructure.Messages.Providers.WhatsApp;

/// <summary>
/// Meta's WhatsApp Cloud API error codes (Graph API <c>{"error":{"code":...}}</c>) sorted into what a retry can change.
/// Authorization errors (0, 3, 10, 190, 200-299) are permanent: a revoked or expired token does not come back by waiting,
/// and retrying would only hold every message of the tenant through the whole retry schedule (opening the circuit on the
/// way) to fail it anyway, later and with a vaguer reason. Failing at once says "the credential was refused" on each
/// message; the tenant fixes the token and sends again. Codes not listed are judged by the HTTP status.
/// </summary>
public static class WhatsAppErrorClassifier
{
    /// <summary>API Too Many Calls, rate limit hit, spam rate limit, Cloud API throughput, pair rate limit (one recipient).</summary>
    private static readonly HashSet<int> Throttling = [4, 80007, 130429, 131048, 131056, 613];

    /// <summary>Unknown API error, service error, "something went wrong", service unavailable, not delivered for ecosystem health, server temporarily unavailable.</summary>
    private static readonly HashSet<int> TransientCodes = [1, 2, 131000, 131016, 131049, 133004];

    /// <summary>
    /// Invalid parameter, missing/invalid parameter value, recipient is the sender, undeliverable, account locked or not
    /// eligible, re-engagement window closed, unsupported type, media errors, number not registered, policy blocks.
    /// </summary>
    private static readonly HashSet<int> PermanentCodes =
        [100, 131008, 131009, 131021, 131026, 131031, 131042, 131045, 131047, 131051, 131052, 131053, 133010, 368, 470];

    public static SendResult Classify(int httpStatus, int? code, string? message, TimeSpan? retryAfter)
    {
        var errorCode = code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http-{httpStatus}";
        var error = ProviderHttp.Shorten(message);
        if (code is { } known)
        {
            if (Throttling.Contains(known))
            {
                return SendResult.Throttled(errorCode, error, retryAfter);
            }

            if (TransientCodes.Contains(known))
            {
                return SendResult.Transient(errorCode, error);
            }

            if (IsAuthorization(known) || PermanentCodes.Contains(known) || known is >= 132000 and <= 132069)
            {
                return SendResult.Permanent(errorCode, error);
            }
        }

        return httpStatus switch
        {
            429 => SendResult.Throttled(errorCode, error, retryAfter),
            408 or >= 500 => SendResult.Transient(errorCode, error),
            _ => SendResult.Permanent(errorCode, error)
        };
    }

    private static bool IsAuthorization(int code) => code is 0 or 3 or 10 or 190 or (>= 200 and <= 299);
}
