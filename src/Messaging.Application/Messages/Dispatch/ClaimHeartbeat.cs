using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// Keeps a round's claim on the messages it is still sending, renewing the lease every third of its length, so a round
/// that outlives one lease (slow providers, retries) is not taken over and sent a second time by another dispatcher.
/// A message another dispatcher took over meanwhile (this one stalled past its lease) is not renewed, and the round's
/// outcome for it is not recorded either: recording only touches messages still held under the round's claim.
/// </summary>
internal sealed partial class ClaimHeartbeat : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> _held;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    private ClaimHeartbeat(IEnumerable<Guid> messageIds, Func<IReadOnlyCollection<Guid>, CancellationToken, Task> renew, TimeSpan claimFor,
        TimeProvider clock)
    {
        _held = new ConcurrentDictionary<Guid, byte>(messageIds.Select(id => KeyValuePair.Create(id, (byte)0)));
        _beating = BeatAsync(renew, claimFor / 3, clock, _stop.Token);
    }

    public static ClaimHeartbeat Start(Guid claimToken, IEnumerable<Guid> messageIds, TimeSpan claimFor, IServiceScopeFactory scopeFactory,
        TimeProvider clock, ILogger logger) =>
        new(messageIds, async (held, cancellationToken) =>
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var renewed = await scope.ServiceProvider.GetRequiredService<IMessageDispatchStore>()
                    .RenewAsync(claimToken, held, claimFor, cancellationToken);
                if (renewed < held.Count)
                {
                    LogClaimsLost(logger, held.Count - renewed, claimToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next beat tries again; the lease has two more beats of slack.
                LogRenewalFailed(logger, exception, claimToken);
            }
        }, claimFor, clock);

    /// <summary>The round has recorded these: their claim is no longer the heartbeat's to keep.</summary>
    public void Forget(IEnumerable<Guid> messageIds)
    {
        foreach (var id in messageIds)
        {
            _held.TryRemove(id, out _);
        }
    }

    private async Task BeatAsync(Func<IReadOnlyCollection<Guid>, CancellationToken, Task> renew, TimeSpan interval, TimeProvider clock,
        CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, stop);
                var held = _held.Keys.ToList();
                if (held.Count > 0)
                {
                    await renew(held, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} messages of dispatch claim {ClaimToken} are held by another dispatcher now; this round will not record them")]
    private static partial void LogClaimsLost(ILogger logger, int count, Guid claimToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing dispatch claim {ClaimToken} failed")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, Guid claimToken);
}
