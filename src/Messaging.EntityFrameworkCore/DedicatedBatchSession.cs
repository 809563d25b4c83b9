namespace Messaging.EntityFrameworkCore;

/// <summary>
/// The connection a batch store keeps to itself, with what it prepared on it (the session), opened by the first batch
/// and kept while batches succeed. After any failure the session may be in any state, so it is dropped and the next
/// batch opens a fresh one. A failure that blames a value of a row leaves as the store's refusal (its database's
/// classification, given by the store), so the caller can isolate that row instead of retrying the batch as it is.
/// Used by a single writer, so it is not thread-safe.
/// </summary>
public sealed class DedicatedBatchSession<TSession>(
    Func<CancellationToken, Task<TSession>> open,
    Func<Exception, Exception?> asRowRefusal) : IAsyncDisposable
    where TSession : class, IAsyncDisposable
{
    private TSession? _session;

    /// <summary>Runs one batch's write on the session; <paramref name="open"/> must dispose what it opened if it fails.</summary>
    public async Task<TResult> WriteAsync<TResult>(Func<TSession, CancellationToken, Task<TResult>> write, CancellationToken cancellationToken)
    {
        try
        {
            _session ??= await open(cancellationToken);
            return await write(_session, cancellationToken);
        }
        catch (Exception exception)
        {
            await ResetAsync();
            if (asRowRefusal(exception) is { } refusal)
            {
                throw refusal;
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => ResetAsync();

    private async ValueTask ResetAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }
}
