using Messaging.Authorization;
using Messaging.FlowControl;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Messaging.OpenApi;

/// <summary>What the pipeline does around an action, read from its metadata: the answers it can give besides the action's own.</summary>
public static class OperationTraits
{
    public static bool RequiresCaller(ActionDescriptor action) =>
        action.EndpointMetadata.OfType<IAuthorizeData>().Any() && !action.EndpointMetadata.OfType<IAllowAnonymous>().Any();

    /// <summary>
    /// Tenant keys are rate limited (TenantRateLimitMiddleware); host admin requests are not. Which callers an action
    /// takes is said by its caller policies; the permissions it also names do not change that.
    /// </summary>
    public static bool AcceptsTenantKeys(ActionDescriptor action) =>
        RequiresCaller(action) && action.EndpointMetadata.OfType<IAuthorizeData>()
            .Where(authorize => authorize.Policy is MessagingPolicies.HostAdmin or MessagingPolicies.Tenant or MessagingPolicies.HostAdminOrTenant)
            .All(authorize => authorize.Policy is MessagingPolicies.Tenant or MessagingPolicies.HostAdminOrTenant);

    public static bool ShedsUnderMemoryPressure(ActionDescriptor action) =>
        action.EndpointMetadata.OfType<ShedUnderMemoryPressureAttribute>().Any();
}
