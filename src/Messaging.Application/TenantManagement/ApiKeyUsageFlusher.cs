using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.TenantManagement;

/// <summary>Writes recorded key usage every half minute and once more at shutdown.</summary>
public sealed partial class ApiKeyUsageFlusher(
    ApiKeyUsageRecorder recorder,
    IServiceScopeFactory scopeFactory,
    ILogger<ApiKeyUsageFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var pending = recorder.TakePending();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IApiKeyRepository>().RecordUsesAsync(pending, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Last-used times are informational; losing one flush must not take the host down.
            LogFlushFailed(logger, exception, pending.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record last use of {Count} API keys")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int count);
}
