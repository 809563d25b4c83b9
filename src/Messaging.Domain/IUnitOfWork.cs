namespace Messaging;

/// <summary>One database transaction around work done through the scope's repositories; all of it commits or none.</summary>
public interface IUnitOfWork
{
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="action"/> once the current transaction committed (never if it rolls back).</summary>
    void OnCommitted(Action action);
}
