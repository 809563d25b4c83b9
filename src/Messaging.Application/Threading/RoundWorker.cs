using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.Threading;

/// <summary>
/// Runs rounds of claimed work (dispatch, callback posts, outbox relay): back to back while rounds come full, otherwise
/// until its signal (a commit on this instance) or the poll interval, which finds other instances' commits. A failed
/// round is logged and followed by a wait, so a broken database is not hammered; what it had claimed is taken up
/// again when its claims expire.
/// </summary>
public abstract partial class RoundWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <returns>How many items the round claimed.</returns>
    protected abstract Task<int> RunRoundAsync(CancellationToken cancellationToken);

    /// <summary>A round that claimed this many may have left more behind: the next one starts at once.</summary>
    protected abstract int FullRound { get; }

    protected abstract TimeSpan PollInterval { get; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunRoundsAsync(stoppingToken);

    protected async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var (fullRound, pollInterval) = (FullRound, PollInterval);
            int claimed;
            try
            {
                claimed = await RunRoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRoundFailed(logger, exception, GetType().Name);
                claimed = 0;
            }

            if (claimed < fullRound)
            {
                try
                {
                    await signal.WaitAsync(pollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of {Worker} failed; what it claimed is taken up again when its claims expire")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string worker);
}
