using Messaging.BackgroundJobs;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.BackgroundJobs;

/// <summary>Runs a job in its own scope and in the tenant its arguments name, so tenant context never gets lost in jobs.</summary>
public sealed class HangfireJobExecutor<TJob, TArgs>(IServiceScopeFactory scopeFactory, ICurrentTenant currentTenant)
    where TJob : IBackgroundJob<TArgs>
    where TArgs : IJobArgs
{
    public async Task ExecuteAsync(TArgs args, CancellationToken cancellationToken)
    {
        using var tenantScope = currentTenant.Change(args.TenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().ExecuteAsync(args, cancellationToken);
    }
}
