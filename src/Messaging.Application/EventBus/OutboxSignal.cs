namespace Messaging.EventBus;

/// <summary>Wakes the relay right after a commit wrote outbox rows, so events do not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke the relay a moment ago; one wake-up covers both.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) => _pending.WaitAsync(atMost, cancellationToken);
}
