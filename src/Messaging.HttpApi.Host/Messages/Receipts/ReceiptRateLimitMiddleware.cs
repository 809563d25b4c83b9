using Messaging.RateLimiting;

namespace Messaging.Messages.Receipts;

/// <summary>
/// Limits the anonymous receipts endpoint per client address, then for all clients together, before its body is read,
/// through the same limiter as the tenants' limits. A refusal becomes a 429 problem with Retry-After. The client's
/// address is the connection's, or the one a configured proxy forwarded (see <see cref="ClientAddresses.ForwardedHeadersSetup"/>).
/// </summary>
public sealed class ReceiptRateLimitMiddleware(RequestDelegate next, ITenantRateLimiter limiter, ReceiptRateLimitPolicy policy)
{
    public const string Path = "/api/app/message-receipt";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Path) || !policy.IsEnabled)
        {
            await next(context);
            return;
        }

        var client = ReceiptRateLimitPolicy.ClientPartition(context.Connection.RemoteIpAddress);
        await using var perClient = await AdmitAsync(client, policy.PerClient, context.RequestAborted);
        await using var global = await AdmitAsync(ReceiptRateLimitPolicy.GlobalPartition, policy.Global, context.RequestAborted);
        await next(context);
    }

    private async Task<RateLimitDecision> AdmitAsync(Guid partition, RateLimits limits, CancellationToken cancellationToken)
    {
        var decision = await limiter.AcquireAsync(partition, limits, cancellationToken);
        if (decision.Exceeded is { } exceeded)
        {
            await decision.DisposeAsync();
            throw new RateLimitExceededException(exceeded, decision.Limit, decision.RetryAfter);
        }

        return decision;
    }
}
