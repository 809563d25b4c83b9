using System.Runtime.CompilerServices;

namespace Messaging.TestSupport;

internal static class ThreadPoolWarmUp
{
    /// <summary>
    /// Microsoft.Data.Sqlite waits out a busy database by sleeping on the calling thread. Tests that run the
    /// Direct baseline concurrently (and xUnit runs classes side by side) can park every pool thread that way
    /// while the thread that holds SQLite's write lock waits for a pool thread to commit; on two loaded cores
    /// the pool grows too slowly to break that, and the run stalls. Enough threads up front avoid it.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 128), Math.Max(io, 128));
    }
}
