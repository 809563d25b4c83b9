using Messaging.Messages;
using Messaging.Messages.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.BackgroundJobs;

public class RecurringJobsTests
{
    [Fact]
    public void MessagesModule_ContributesItsThreeJobs_WithTheirIdsAndSchedules()
    {
        var jobs = RecurringJobsOf(new ServiceCollection().AddMessagesApplication(new ConfigurationBuilder().Build()));

        jobs.Select(job => (job.Id, job.CronExpression, job.JobType)).OrderBy(job => job.Id).ShouldBe(
        [
            (ExpireIdempotencyKeysJob.RecurringJobId, "17 * * * *", typeof(ExpireIdempotencyKeysJob)),
            (ExpireProcessedReceiptsJob.RecurringJobId, "43 * * * *", typeof(ExpireProcessedReceiptsJob)),
            (RepublishStuckAcceptedMessagesJob.RecurringJobId, "* * * * *", typeof(RepublishStuckAcceptedMessagesJob))
        ]);
    }

    [Fact]
    public void ARecurringJob_IsRegisteredToRun_AndScheduledWithTheJobManager()
    {
        var jobs = new RecordingJobManager();
        using var provider = new ServiceCollection()
            .AddSingleton<IBackgroundJobManager>(jobs)
            .AddRecurringJob<NothingJob, NothingArgs>("test.nothing", new NothingArgs(null), "5 4 * * *")
            .BuildServiceProvider();

        provider.ScheduleRecurringJobs();

        jobs.Recurring.ShouldBe([("test.nothing", typeof(NothingJob), "5 4 * * *")]);
        using var scope = provider.CreateScope();
        scope.ServiceProvider.GetService<NothingJob>().ShouldNotBeNull();
    }

    [Fact]
    public void WithoutRecurringJobs_SchedulingDoesNothing()
    {
        var jobs = new RecordingJobManager();
        using var provider = new ServiceCollection().AddSingleton<IBackgroundJobManager>(jobs).BuildServiceProvider();

        provider.ScheduleRecurringJobs();

        jobs.Recurring.ShouldBeEmpty();
    }

    private static List<RecurringJob> RecurringJobsOf(IServiceCollection services) =>
        services.Where(service => service.ServiceType == typeof(RecurringJob))
            .Select(service => (RecurringJob)service.ImplementationInstance!)
            .ToList();

    public sealed record NothingArgs(Guid? TenantId) : IJobArgs;

    public sealed class NothingJob : IBackgroundJob<NothingArgs>
    {
        public Task ExecuteAsync(NothingArgs args, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecordingJobManager : IBackgroundJobManager
    {
        public List<(string Id, Type Job, string Cron)> Recurring { get; } = [];

        public string Enqueue<TJob, TArgs>(TArgs args, BackgroundJobPriority priority = BackgroundJobPriority.Normal)
            where TJob : IBackgroundJob<TArgs>
            where TArgs : IJobArgs => throw new NotSupportedException();

        public string Schedule<TJob, TArgs>(TArgs args, TimeSpan delay)
            where TJob : IBackgroundJob<TArgs>
            where TArgs : IJobArgs => throw new NotSupportedException();

        public void AddOrUpdateRecurring<TJob, TArgs>(string recurringJobId, TArgs args, string cronExpression)
            where TJob : IBackgroundJob<TArgs>
            where TArgs : IJobArgs => Recurring.Add((recurringJobId, typeof(TJob), cronExpression));
    }
}
