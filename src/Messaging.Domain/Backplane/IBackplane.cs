namespace Messaging.Backplane;

/// <summary>
/// Fan-out between instances of the host: what one publishes, every instance (itself included) receives.
/// Redis pub/sub when configured; in-process otherwise. Delivery is at most once: use it for signals
/// (evict a cache entry, wake a relay), not for state that must not be lost.
/// </summary>
public interface IBackplane
{
    Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default);

    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default);
}
