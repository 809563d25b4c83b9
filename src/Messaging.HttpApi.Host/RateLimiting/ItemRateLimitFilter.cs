using Messaging.ExceptionHandling;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Messaging.RateLimiting;

/// <summary>
/// Charges the endpoints marked <see cref="RateLimitPerItemAttribute"/> one admission per item of their body, all or
/// none, once the body is bound and before the action runs (and before a malformed body is answered, which counts as one).
/// The middleware admitted the request with its concurrency slot only; this is the window and burst part.
/// </summary>
public sealed class ItemRateLimitFilter(ITenantRateLimiter limiter, RateLimitMetrics metrics) : IAsyncActionFilter, IOrderedFilter
{
    /// <summary>Before the filter that answers invalid model state (-2000), so a malformed body still counts.</summary>
    public int Order => -3000;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.HttpContext.Features.Get<TenantRateLimitFeature>() is not { } feature
            || context.ActionDescriptor.EndpointMetadata.OfType<RateLimitPerItemAttribute>().FirstOrDefault() is null)
        {
            await next();
            return;
        }

        var items = context.ActionArguments.Values.OfType<IRateLimitedBatch>().FirstOrDefault()?.RateLimitedItems ?? 0;
        var permits = Math.Max(1, items);
        if (permits > feature.Limits.MaxPermitsAtOnce)
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.BatchExceedsRateLimit,
                $"This tenant's rate limits admit at most {feature.Limits.MaxPermitsAtOnce} messages at once " +
                $"({feature.Limits.Burst} a second, {feature.Limits.PerWindow} a window); split the batch.");
        }

        var decision = await limiter.AcquireAsync(feature.TenantId, feature.Limits, permits, holdsSlot: false, context.HttpContext.RequestAborted);
        // The answer's headers describe this decision, a refusal's included.
        feature.Decision = decision;
        if (decision.Exceeded is { } exceeded)
        {
            metrics.Rejected(feature.Tier, exceeded);
            throw new RateLimitExceededException(exceeded, decision.Limit, decision.RetryAfter);
        }

        await next();
    }
}
