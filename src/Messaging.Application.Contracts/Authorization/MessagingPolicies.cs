namespace Messaging.Authorization;

/// <summary>Authorization policy names, shared by the HTTP layer and the host that defines them.</summary>
public static class MessagingPolicies
{
    /// <summary>Callers authenticated with the host admin key.</summary>
    public const string HostAdmin = "Messaging.HostAdmin";

    /// <summary>Callers authenticated with a key of an active tenant.</summary>
    public const string Tenant = "Messaging.Tenant";

    /// <summary>Either of the above, for views the host admin sees in full and a tenant sees its own part of.</summary>
    public const string HostAdminOrTenant = "Messaging.HostAdminOrTenant";
}
