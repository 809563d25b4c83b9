using System.Globalization;
using System.Security.Cryptography;
using Messaging.Security;
using Microsoft.Extensions.Logging;

namespace Messaging.Messages.Callbacks;

/// <summary>What became of one attempt: done (delivered, refused or dropped; the callback is no longer owed) or to try again.</summary>
public sealed record CallbackAttemptResult(bool Done, string? Error)
{
    public static readonly CallbackAttemptResult Finished = new(true, null);

    public static CallbackAttemptResult TryAgain(string? error) => new(false, error ?? "The callback failed.");
}

/// <summary>
/// Posts one status change to the tenant's callback, signed with its secret. Delivery is at least once: receivers
/// drop repeats by their <c>Idempotency-Key</c> (the event id). An address the SSRF guard refuses is not retried.
/// </summary>
public sealed partial class StatusCallbackPoster(
    IStatusCallbackRepository callbacks,
    ISecretProtector protector,
    IStatusCallbackSender sender,
    StatusCallbackMetrics metrics,
    TimeProvider clock,
    ILogger<StatusCallbackPoster> logger)
{
    public const string AttemptHeader = "X-Messaging-Attempt";

    /// <summary>Runs in the callback's tenant.</summary>
    public async Task<CallbackAttemptResult> PostAsync(PendingStatusCallback pending, CancellationToken cancellationToken)
    {
        var callback = await callbacks.FindAsync(pending.TenantId, cancellationToken);
        if (callback is null)
        {
            metrics.Posted(StatusCallbackMetrics.Dropped);
            LogNoCallback(logger, pending.Id, pending.TenantId);
            return CallbackAttemptResult.Finished;
        }

        CallbackPostResult result;
        try
        {
            var secret = protector.Unprotect(callback.ProtectedSecret);
            result = await sender.PostAsync(Sign(pending, new Uri(callback.Url), secret), cancellationToken);
        }
        catch (CryptographicException exception)
        {
            // The keys that protected the secret are not available to this instance: a deployment fault that may be mended.
            LogSecretUnreadable(logger, exception, pending.TenantId);
            result = CallbackPostResult.Failed(null, "The callback secret could not be read.");
        }

        switch (result.Outcome)
        {
            case CallbackPostOutcome.Delivered:
                metrics.Posted(StatusCallbackMetrics.Delivered);
                return CallbackAttemptResult.Finished;
            case CallbackPostOutcome.Refused:
                metrics.Posted(StatusCallbackMetrics.Refused);
                LogRefused(logger, pending.Id, pending.TenantId, result.Error);
                return CallbackAttemptResult.Finished;
            default:
                return CallbackAttemptResult.TryAgain(result.Error);
        }
    }

    private CallbackPost Sign(PendingStatusCallback pending, Uri url, string secret)
    {
        var body = new StatusCallbackPayload(pending.Id, pending.MessageId, pending.Status, pending.OccurredAt, pending.Reason,
            pending.FailureCode, pending.ProviderMessageId).ToUtf8Json();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        return new CallbackPost(url, body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, body),
            // The event id: the same value twice is one status change delivered twice.
            [WebhookSignature.IdempotencyKeyHeader] = pending.Id.ToString(),
            [AttemptHeader] = pending.NextAttempt.ToString(CultureInfo.InvariantCulture)
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status callback {EventId} dropped: tenant {TenantId} has no callback any more")]
    private static partial void LogNoCallback(ILogger logger, Guid eventId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status callback {EventId} of tenant {TenantId} refused, not retried: {Error}")]
    private static partial void LogRefused(ILogger logger, Guid eventId, Guid tenantId, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The status callback secret of tenant {TenantId} cannot be unprotected; are the Data Protection keys shared by every instance?")]
    private static partial void LogSecretUnreadable(ILogger logger, Exception exception, Guid tenantId);
}
