using Messaging.Backplane;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Settings;

/// <summary>
/// Keeps this instance on the newest stored settings version: loaded at start (before the server takes requests),
/// again whenever another instance announces a change on the backplane, and by polling the database for the
/// announcements the backplane lost.
/// </summary>
public sealed partial class RuntimeSettingsLoader<TOptions, TVersion>(
    IServiceScopeFactory scopeFactory,
    RuntimeSettingsDefinition<TOptions> definition,
    RuntimeSettingsApplier<TOptions> applier,
    AppliedRuntimeSettings<TOptions> applied,
    IBackplane backplane,
    IOptionsMonitor<RuntimeSettingsOptions> options,
    TimeProvider clock,
    ILogger<RuntimeSettingsLoader<TOptions, TVersion>> logger) : BackgroundService
    where TOptions : class, new()
    where TVersion : SettingsVersion
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private IAsyncDisposable? _subscription;
    private volatile LoaderStatus _status = new(null, null);

    /// <summary>When the database was last read successfully, and when a read last failed since.</summary>
    public LoaderStatus Status => _status;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // A restarted instance comes up with the current settings; if the database cannot be read now, it starts with
        // configuration, reports not ready, and the poll catches up.
        await ReloadSafelyAsync(cancellationToken);
        _subscription = await backplane.SubscribeAsync(definition.ChangedChannel, _ => ReloadSafelyAsync(CancellationToken.None), cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _loading.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await ReloadSafelyAsync(stoppingToken);
        }
    }

    /// <summary>Applies the newest stored version if it is newer than what this instance runs with.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var versions = scope.ServiceProvider.GetRequiredService<ISettingsVersionRepository<TVersion>>();
            var latest = await versions.GetLatestVersionNumberAsync(cancellationToken);
            if (latest > (applied.Current?.Version ?? 0) && latest != applier.Rejected?.Version
                && await versions.FindLatestAsync(cancellationToken) is { } stored)
            {
                applier.Apply(stored);
            }

            _status = new LoaderStatus(clock.GetUtcNow().UtcDateTime, null);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task ReloadSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            _status = _status with { FailedAt = clock.GetUtcNow().UtcDateTime };
            LogLoadFailed(logger, exception, definition.SectionName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the runtime settings {Section} from the database; will try again")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string section);
}

/// <param name="LoadedAt">When the database was last read successfully; null if it never was.</param>
/// <param name="FailedAt">When the last read failed, if one failed after the last success.</param>
public sealed record LoaderStatus(DateTime? LoadedAt, DateTime? FailedAt);
