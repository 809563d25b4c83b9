using Messaging.EntityFrameworkCore;

namespace Messaging;

/// <summary>
/// Microsoft.Data.Sqlite waits out a busy database by sleeping on the calling pool thread. With the group-commit
/// writer, the outbox relay, event handlers and the dispatcher all writing, every pool thread can end up asleep
/// while the one holding the write lock waits for a thread to continue; the pool grows too slowly on few cores to
/// break that. The embedded SQLite profile therefore starts with enough threads.
/// </summary>
public static class SqliteThreadPool
{
    private const int MinimumThreads = 64;

    public static void Prepare(IConfiguration configuration)
    {
        if (DatabaseProviderConfiguration.Read(configuration) != DatabaseProvider.Sqlite)
        {
            return;
        }

        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), Math.Max(io, MinimumThreads));
    }
}
