using Messaging.Authentication;

namespace Messaging.MultiTenancy;

/// <summary>Makes the authenticated tenant the current one for the rest of the request, and names it in every log line.</summary>
public sealed class CurrentTenantMiddleware(RequestDelegate next, ICurrentTenant currentTenant, ILogger<CurrentTenantMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var tenantClaim = context.User.FindFirst(MessagingClaims.TenantId)?.Value;
        if (tenantClaim is null || !Guid.TryParse(tenantClaim, out var tenantId))
        {
            await next(context);
            return;
        }

        var tier = Enum.TryParse<TenantTier>(context.User.FindFirst(MessagingClaims.Tier)?.Value, out var parsed) ? parsed : (TenantTier?)null;
        using var tenantScope = currentTenant.Change(tenantId, tier);
        using var logScope = logger.BeginScope("TenantId:{TenantId}", tenantId);
        await next(context);
    }
}
