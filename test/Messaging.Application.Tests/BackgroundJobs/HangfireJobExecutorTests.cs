using Messaging.BackgroundJobs;
using Messaging.Infrastructure.BackgroundJobs;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.BackgroundJobs;

public class HangfireJobExecutorTests
{
    [Fact]
    public async Task Job_RunsInTheTenantItsArgumentsName_AndTheCallerKeepsItsOwn()
    {
        var tenant = Guid.NewGuid();
        var services = new ServiceCollection()
            .AddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>()
            .AddSingleton<TenantRecorder>()
            .AddScoped<RecordTenantJob>()
            .BuildServiceProvider();
        var executor = ActivatorUtilities.CreateInstance<HangfireJobExecutor<RecordTenantJob, RecordTenantArgs>>(services);
        var currentTenant = services.GetRequiredService<ICurrentTenant>();

        await executor.ExecuteAsync(new RecordTenantArgs(tenant), CancellationToken.None);

        services.GetRequiredService<TenantRecorder>().Seen.ShouldBe(tenant);
        currentTenant.Id.ShouldBeNull();
    }

    public sealed record RecordTenantArgs(Guid? TenantId) : IJobArgs;

    public sealed class TenantRecorder
    {
        public Guid? Seen { get; set; }
    }

    public sealed class RecordTenantJob(ICurrentTenant currentTenant, TenantRecorder recorder) : IBackgroundJob<RecordTenantArgs>
    {
        public Task ExecuteAsync(RecordTenantArgs args, CancellationToken cancellationToken)
        {
            recorder.Seen = currentTenant.Id;
            return Task.CompletedTask;
        }
    }
}
