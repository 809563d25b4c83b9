using System.Security.Cryptography;
using System.Text;
using Messaging.BackgroundJobs;
using Messaging.ExceptionHandling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Messaging.Channel;

public sealed record CleanupDelayedMessagesArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>
/// Deletes delivered, cancelled and expired delayed messages <c>Channel:DelayedMessages:FinishedRetention</c> after they
/// finished, every 5 minutes, as a retention sweep: one instance at a time, batches of 1,000 rows each in its own
/// short transaction, so posting never waits for the cleanup.
/// </summary>
public sealed class CleanupDelayedMessagesJob(
    IDelayedMessageStore store,
    RetentionSweep sweep,
    IOptionsMonitor<ChannelOptions> options) : IBackgroundJob<CleanupDelayedMessagesArgs>
{
    public const string RecurringJobId = "channel.cleanup-delayed-messages";
    public const string Schedule = "*/5 * * * *";

    public Task ExecuteAsync(CleanupDelayedMessagesArgs args, CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task<SweepReport?> RunAsync(CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.DelayedMessages.FinishedRetention, store.DeleteFinishedBeforeAsync, cancellationToken);
}

/// <summary>
/// The cleanup for an external scheduler (what Vercel's cron calls): <c>Authorization: Bearer &lt;Cron:Secret&gt;</c>,
/// compared in constant time; without a configured secret nobody is let in.
/// </summary>
public sealed class ChannelCronAppService(CleanupDelayedMessagesJob cleanup, IConfiguration configuration) : IChannelCronAppService
{
    public const string SecretKey = "Cron:Secret";

    public async Task<DelayedMessageCleanupReportDto> CleanupDelayedMessagesAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(configuration[SecretKey], authorization))
        {
            throw new UnauthorizedException(ChannelErrorCodes.CronSecretInvalid, "Send Authorization: Bearer with the configured cron secret.");
        }

        var report = await cleanup.RunAsync(cancellationToken);
        return report is null
            ? new DelayedMessageCleanupReportDto(false, 0, 0, null)
            : new DelayedMessageCleanupReportDto(true, report.Deleted, report.Batches, report.Cutoff);
    }

    public static bool IsAuthorized(string? secret, string? authorization)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(secret) || authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first gives both sides one length, so the comparison's time does not tell the secret's length either.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
