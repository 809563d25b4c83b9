namespace Messaging.BackgroundJobs;

/// <summary>A unit of background work; its arguments are plain data so any job store can persist them.</summary>
public interface IBackgroundJob<in TArgs>
{
    Task ExecuteAsync(TArgs args, CancellationToken cancellationToken);
}

/// <summary>Arguments of every job carry the tenant they act for; <c>null</c> means host-wide work.</summary>
public interface IJobArgs
{
    Guid? TenantId { get; }
}
