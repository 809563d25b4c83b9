namespace Messaging.DistributedLocking;

/// <summary>A named lock shared by all instances (Redis when configured, this process alone otherwise).</summary>
public interface IDistributedLock
{
    /// <summary>Takes the lock for at most <paramref name="expiry"/>; null when another holder has it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan expiry, CancellationToken cancellationToken = default);
}
