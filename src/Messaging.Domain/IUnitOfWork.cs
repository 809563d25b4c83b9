namespace Messaging;

/// <summary>One database transaction around work done through the scope's repositories; all of it commits or none.</summary>
public interface IUnitOfWork
{
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
