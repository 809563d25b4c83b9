using Messaging.BackgroundJobs;

namespace Messaging.Identity;

public sealed record PruneSignInTokensArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Deletes the sign-in server's ended tokens once they are older than their retention (14 days by default).</summary>
public sealed class PruneSignInTokensJob(ISignInTokenPruner pruner, RetentionSweep sweep) : IBackgroundJob<PruneSignInTokensArgs>
{
    public const string RecurringJobId = "identity.prune-sign-in-tokens";

    // OpenIddict deletes everything before the cutoff in its own batches, so one call is the whole sweep; the count it
    // returns is not a full batch but the total, and the sweep stops after it.
    public Task ExecuteAsync(PruneSignInTokensArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, pruner.Retention,
            async (cutoff, _, token) => (int)Math.Min(await pruner.PruneAsync(cutoff, token), RetentionSweep.BatchSize - 1), cancellationToken);
}
