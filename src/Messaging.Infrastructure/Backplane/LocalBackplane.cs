using System.Collections.Concurrent;
using Messaging.Backplane;

namespace Messaging.Infrastructure.Backplane;

/// <summary>In-process fan-out: with one instance, "every instance" is this one.</summary>
public sealed class LocalBackplane : IBackplane
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<string, Task>>> _handlers = new(StringComparer.Ordinal);

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        if (!_handlers.TryGetValue(channel, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            await handler(payload);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        _handlers.GetOrAdd(channel, static _ => new ConcurrentDictionary<Guid, Func<string, Task>>())[id] = handler;
        return Task.FromResult<IAsyncDisposable>(new Subscription(() => _handlers[channel].TryRemove(id, out _)));
    }

    private sealed class Subscription(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
