using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.BackgroundJobs;

/// <summary>A job a module runs on a schedule, collected when the module registers and scheduled when the host starts.</summary>
public sealed class RecurringJob(string id, string cronExpression, Type jobType, Action<IBackgroundJobManager> schedule)
{
    public string Id { get; } = id;

    public string CronExpression { get; } = cronExpression;

    public Type JobType { get; } = jobType;

    public void ScheduleWith(IBackgroundJobManager jobs) => schedule(jobs);
}

public static class RecurringJobs
{
    /// <summary>Registers the job and records its schedule; <see cref="ScheduleRecurringJobs"/> hands it to the job manager.</summary>
    public static IServiceCollection AddRecurringJob<TJob, TArgs>(this IServiceCollection services, string id, TArgs args, string cronExpression)
        where TJob : class, IBackgroundJob<TArgs>
        where TArgs : IJobArgs
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJob(id, cronExpression, typeof(TJob),
            jobs => jobs.AddOrUpdateRecurring<TJob, TArgs>(id, args, cronExpression)));
        return services;
    }

    /// <summary>A recurring job that deletes what outlived its retention through <see cref="RetentionSweep"/>.</summary>
    public static IServiceCollection AddRetentionSweepJob<TJob, TArgs>(this IServiceCollection services, string id, TArgs args, string cronExpression)
        where TJob : class, IBackgroundJob<TArgs>
        where TArgs : IJobArgs
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SweepMetrics>();
        services.TryAddScoped<RetentionSweep>();
        return services.AddRecurringJob<TJob, TArgs>(id, args, cronExpression);
    }

    /// <summary>Adds or updates every registered recurring job; called once at start by the instances that run jobs.</summary>
    public static void ScheduleRecurringJobs(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IBackgroundJobManager>();
        foreach (var job in services.GetServices<RecurringJob>())
        {
            job.ScheduleWith(jobs);
        }
    }
}
