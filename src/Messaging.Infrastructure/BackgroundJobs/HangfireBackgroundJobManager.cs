using Hangfire;
using Hangfire.States;
using Messaging.BackgroundJobs;

namespace Messaging.Infrastructure.BackgroundJobs;

/// <summary>Hangfire behind the job port: every job runs through <see cref="HangfireJobExecutor{TJob,TArgs}"/>.</summary>
public sealed class HangfireBackgroundJobManager(IBackgroundJobClient client, IRecurringJobManager recurring) : IBackgroundJobManager
{
    public string Enqueue<TJob, TArgs>(TArgs args, BackgroundJobPriority priority = BackgroundJobPriority.Normal)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs =>
        client.Create<HangfireJobExecutor<TJob, TArgs>>(executor => executor.ExecuteAsync(args, CancellationToken.None),
            new EnqueuedState(HangfireQueues.For(priority)));

    public string Schedule<TJob, TArgs>(TArgs args, TimeSpan delay)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs =>
        client.Create<HangfireJobExecutor<TJob, TArgs>>(executor => executor.ExecuteAsync(args, CancellationToken.None), new ScheduledState(delay));

    public void AddOrUpdateRecurring<TJob, TArgs>(string recurringJobId, TArgs args, string cronExpression)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs =>
        recurring.AddOrUpdate<HangfireJobExecutor<TJob, TArgs>>(recurringJobId, HangfireQueues.Default,
            executor => executor.ExecuteAsync(args, CancellationToken.None), cronExpression, new RecurringJobOptions());
}
