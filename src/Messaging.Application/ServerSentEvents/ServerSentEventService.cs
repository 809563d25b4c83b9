using Messaging.Backplane;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.ServerSentEvents;

/// <summary>
/// The hub's life on an instance: listening to the backplane, closing stale connections, and on SIGTERM or SIGINT
/// telling every subscriber to go (as soon as the application starts stopping, before the server waits for requests).
/// </summary>
public sealed partial class ServerSentEventService(
    ServerSentEventHub hub,
    SseConnectionRegistry registry,
    IBackplane backplane,
    IHostApplicationLifetime lifetime,
    IOptionsMonitor<ServerSentEventOptions> options,
    ILogger<ServerSentEventService> logger) : BackgroundService
{
    private IAsyncDisposable? _subscription;
    private CancellationTokenRegistration _onStopping;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await backplane.SubscribeAsync(ServerSentEventHub.BackplaneChannel, hub.ReceiveAsync, cancellationToken);
        _onStopping = lifetime.ApplicationStopping.Register(hub.BeginShutdown);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        hub.BeginShutdown();
        await hub.WaitForStreamsAsync(options.CurrentValue.ShutdownWait + TimeSpan.FromSeconds(2), cancellationToken);
        await base.StopAsync(cancellationToken);
        await _onStopping.DisposeAsync();
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var interval = TimeSpan.FromTicks(Math.Min(settings.HeartbeatInterval.Ticks, settings.StaleAfter.Ticks / 3));
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var closed = registry.CloseStale();
            if (closed > 0)
            {
                LogClosedStale(logger, closed, settings.StaleAfter);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} SSE connections nothing could be written to for {StaleAfter}")]
    private static partial void LogClosedStale(ILogger logger, int count, TimeSpan staleAfter);
}
