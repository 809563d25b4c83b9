namespace Messaging.RateLimiting;

/// <summary>
/// Limits the API requests of each tenant by its tier (or its override), after authentication and authorization so
/// that refused keys count against nothing. Host admin requests are not limited. A refused request becomes a 429
/// problem through the exception handler; an admitted one carries the RateLimit headers of the window on whatever
/// answer it gets, and holds one of the tenant's concurrency slots until the pipeline after it returns (but for a
/// <see cref="LongLivedStreamAttribute"/> stream).
/// </summary>
public sealed class TenantRateLimitMiddleware(
    RequestDelegate next,
    ITenantRateLimiter limiter,
    TenantRateLimitPolicy policy,
    RateLimitMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<RateLimitedTenant>() is not ({ } tenantId, var tier, var rateLimitOverride)
            || !context.Request.Path.StartsWithSegments("/api")
            || !policy.IsEnabled)
        {
            await next(context);
            return;
        }

        // A request whose items count one by one takes its concurrency slot here and its items once its body is read.
        var countsItems = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitPerItemAttribute>() is not null;
        var streams = context.GetEndpoint()?.Metadata.GetMetadata<LongLivedStreamAttribute>() is not null;
        var limits = policy.For(tier, rateLimitOverride);
        await using var decision = await limiter.AcquireAsync(tenantId, limits, permits: countsItems ? 0 : 1, holdsSlot: !streams, context.RequestAborted);
        if (decision.Exceeded is { } exceeded)
        {
            metrics.Rejected(tier, exceeded);
            throw new RateLimitExceededException(exceeded, decision.Limit, decision.RetryAfter);
        }

        var feature = new TenantRateLimitFeature(tenantId, tier, limits, decision);
        context.Features.Set(feature);
        // On starting rather than now: the exception handler clears the headers of answers it rewrites.
        context.Response.OnStarting(static state =>
        {
            var (response, feature) = ((HttpResponse, TenantRateLimitFeature))state;
            RateLimitHeaders.Write(response.Headers, feature.Decision.Limit, feature.Decision.Remaining, feature.Decision.Reset);
            return Task.CompletedTask;
        }, (context.Response, feature));
        await next(context);
    }
}
