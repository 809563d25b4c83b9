namespace Messaging.RateLimiting;

/// <summary>
/// Marks an endpoint whose body (an <see cref="IRateLimitedBatch"/>) counts against the tenant's window and burst limits
/// once per item, not once per request: a batch of N messages costs what N single sends cost.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitPerItemAttribute : Attribute;
