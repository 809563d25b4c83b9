namespace Messaging.BackgroundJobs;

public enum BackgroundJobPriority
{
    Low,
    Normal,
    High
}

/// <summary>Port for enqueuing jobs; the adapter decides where they wait (Hangfire storage in this solution).</summary>
public interface IBackgroundJobManager
{
    string Enqueue<TJob, TArgs>(TArgs args, BackgroundJobPriority priority = BackgroundJobPriority.Normal)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs;

    /// <summary>Runs the job once, not before <paramref name="delay"/> has passed (a retry's backoff).</summary>
    string Schedule<TJob, TArgs>(TArgs args, TimeSpan delay)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs;

    void AddOrUpdateRecurring<TJob, TArgs>(string recurringJobId, TArgs args, string cronExpression)
        where TJob : IBackgroundJob<TArgs>
        where TArgs : IJobArgs;
}
