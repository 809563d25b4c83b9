namespace Messaging.Threading;

/// <summary>
/// Wakes one background loop as soon as there is work, instead of at its next poll. Notifications coalesce: however
/// many arrive while the loop is busy, it wakes once.
/// </summary>
public abstract class WakeSignal
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
                // Another notification got there a moment ago; one wake-up covers both.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) => _pending.WaitAsync(atMost, cancellationToken);
}
