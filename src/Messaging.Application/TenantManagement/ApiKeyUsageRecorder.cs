using System.Collections.Concurrent;

namespace Messaging.TenantManagement;

/// <summary>Remembers when each key was last used, so the database sees one write per key per flush, not one per request.</summary>
public sealed class ApiKeyUsageRecorder
{
    private ConcurrentDictionary<Guid, DateTime> _pending = new();

    public void Record(Guid keyId, DateTime usedAt) =>
        _pending.AddOrUpdate(keyId, static (_, at) => at, static (_, previous, at) => at > previous ? at : previous, usedAt);

    public IReadOnlyDictionary<Guid, DateTime> TakePending() => Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTime>());
}
