using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace Messaging.Authentication;

/// <summary>The Hangfire dashboard is for the host admin only, authenticated by the same API key header.</summary>
public sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var httpContext = context.GetHttpContext();
        var result = await httpContext.AuthenticateAsync(MessagingAuthenticationSchemes.ApiKey);
        return result.Succeeded && result.Principal.HasClaim(MessagingClaims.Role, MessagingClaims.HostAdminRole);
    }
}
