using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Ingestion;

/// <summary>Refuses to start an instance that would acknowledge messages without storing them outside the Bench environment.</summary>
public sealed class NoOpIngestionGuard(IOptions<HighThroughputOptions> options, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Ingestion.Mode == IngestionMode.NoOp && !environment.IsEnvironment("Bench"))
        {
            throw new InvalidOperationException(
                "HighThroughput:Ingestion:Mode=NoOp acknowledges messages without storing them; it is allowed only in the Bench environment.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
