using System.Globalization;
using System.Security.Cryptography;
using Messaging.BackgroundJobs;
using Messaging.Messages.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

/// <summary>One status change to post, and which attempt this is.</summary>
public sealed record DeliverStatusCallbackArgs(
    Guid? TenantId,
    Guid EventId,
    Guid MessageId,
    MessageStatus Status,
    DateTime OccurredAt,
    string? Reason,
    string? FailureCode,
    string? ProviderMessageId,
    int Attempt = 1) : IJobArgs;

/// <summary>
/// Posts one status change to the tenant's callback, signed with its secret. A failure schedules the next attempt
/// after an exponential backoff (a Hangfire scheduled job, the same with either event transport) until
/// <see cref="StatusCallbackOptions.MaxAttempts"/>, then gives up with a log line and a metric. An address the SSRF
/// guard refuses is not retried. Delivery is at least once: receivers drop repeats by their <c>Idempotency-Key</c> (the event id).
/// </summary>
public sealed partial class DeliverStatusCallbackJob(
    IStatusCallbackRepository callbacks,
    ISecretProtector protector,
    IStatusCallbackSender sender,
    IBackgroundJobManager jobs,
    IOptionsMonitor<StatusCallbackOptions> options,
    StatusCallbackMetrics metrics,
    TimeProvider clock,
    ILogger<DeliverStatusCallbackJob> logger) : IBackgroundJob<DeliverStatusCallbackArgs>
{
    public const string AttemptHeader = "X-Messaging-Attempt";

    public async Task ExecuteAsync(DeliverStatusCallbackArgs args, CancellationToken cancellationToken)
    {
        var tenantId = args.TenantId ?? throw new InvalidOperationException("A status callback always belongs to a tenant.");
        var callback = await callbacks.FindAsync(tenantId, cancellationToken);
        if (callback is null)
        {
            metrics.Posted(StatusCallbackMetrics.Dropped);
            LogNoCallback(logger, args.EventId, tenantId);
            return;
        }

        CallbackPostResult result;
        try
        {
            var secret = protector.Unprotect(callback.ProtectedSecret);
            result = await sender.PostAsync(Sign(args, new Uri(callback.Url), secret), cancellationToken);
        }
        catch (CryptographicException exception)
        {
            // The keys that protected the secret are not available to this instance: a deployment fault that may be mended.
            LogSecretUnreadable(logger, exception, tenantId);
            result = CallbackPostResult.Failed(null, "The callback secret could not be read.");
        }

        switch (result.Outcome)
        {
            case CallbackPostOutcome.Delivered:
                metrics.Posted(StatusCallbackMetrics.Delivered);
                break;
            case CallbackPostOutcome.Refused:
                metrics.Posted(StatusCallbackMetrics.Refused);
                LogRefused(logger, args.EventId, tenantId, result.Error);
                break;
            default:
                RetryOrGiveUp(args, tenantId, result);
                break;
        }
    }

    private CallbackPost Sign(DeliverStatusCallbackArgs args, Uri url, string secret)
    {
        var body = new StatusCallbackPayload(args.EventId, args.MessageId, args.Status, args.OccurredAt, args.Reason, args.FailureCode,
            args.ProviderMessageId).ToUtf8Json();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        return new CallbackPost(url, body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, body),
            // The event id: the same value twice is one status change delivered twice.
            [WebhookSignature.IdempotencyKeyHeader] = args.EventId.ToString(),
            [AttemptHeader] = args.Attempt.ToString(CultureInfo.InvariantCulture)
        });
    }

    private void RetryOrGiveUp(DeliverStatusCallbackArgs args, Guid tenantId, CallbackPostResult result)
    {
        var settings = options.CurrentValue;
        if (args.Attempt >= settings.MaxAttempts)
        {
            metrics.Posted(StatusCallbackMetrics.GivenUp);
            LogGaveUp(logger, args.EventId, tenantId, args.Attempt, result.Error);
            return;
        }

        var delay = StatusCallbackBackoff.DelayAfter(args.Attempt, settings, Random.Shared.NextDouble());
        jobs.Schedule<DeliverStatusCallbackJob, DeliverStatusCallbackArgs>(args with { Attempt = args.Attempt + 1 }, delay);
        metrics.Posted(StatusCallbackMetrics.Retrying);
        LogRetrying(logger, args.EventId, tenantId, args.Attempt, result.Error, delay);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status callback {EventId} dropped: tenant {TenantId} has no callback any more")]
    private static partial void LogNoCallback(ILogger logger, Guid eventId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status callback {EventId} of tenant {TenantId} refused, not retried: {Error}")]
    private static partial void LogRefused(ILogger logger, Guid eventId, Guid tenantId, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status callback {EventId} of tenant {TenantId} failed attempt {Attempt} ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Guid eventId, Guid tenantId, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status callback {EventId} of tenant {TenantId} given up after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid eventId, Guid tenantId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The status callback secret of tenant {TenantId} cannot be unprotected; are the Data Protection keys shared by every instance?")]
    private static partial void LogSecretUnreadable(ILogger logger, Exception exception, Guid tenantId);
}
