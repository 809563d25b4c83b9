namespace Messaging.RateLimiting;

/// <summary>
/// Marks an endpoint that streams for as long as the client stays (Server-Sent Events): it counts against the tenant's
/// window and burst like any request, but holds none of its concurrency slots, which are for requests that end; the
/// SSE hub limits such connections itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LongLivedStreamAttribute : Attribute;
