namespace Messaging.RateLimiting;

/// <summary>A request body that carries many items, each counted against the tenant's rate limits as one request.</summary>
public interface IRateLimitedBatch
{
    int RateLimitedItems { get; }
}
