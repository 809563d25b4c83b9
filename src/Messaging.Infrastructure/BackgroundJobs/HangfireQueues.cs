using Messaging.BackgroundJobs;

namespace Messaging.Infrastructure.BackgroundJobs;

/// <summary>Hangfire serves queues in the order the server lists them, so priority is a queue name.</summary>
public static class HangfireQueues
{
    public const string High = "high";
    public const string Default = "default";
    public const string Low = "low";

    public static readonly string[] InPriorityOrder = [High, Default, Low];

    public static string For(BackgroundJobPriority priority) => priority switch
    {
        BackgroundJobPriority.High => High,
        BackgroundJobPriority.Low => Low,
        _ => Default
    };
}
