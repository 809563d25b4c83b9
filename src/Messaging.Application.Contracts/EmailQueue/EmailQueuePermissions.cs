using Messaging.Authorization;

namespace Messaging.EmailQueue;

/// <summary>The EmailQueue module's permissions.</summary>
public static class EmailQueuePermissions
{
    /// <summary>
    /// Read email events, the queue status, dead letters, suppressions and the SMTP settings (never their password). On the
    /// host's side: every tenant's queue status, and the host's own mail's events, dead letters and suppressions.
    /// </summary>
    public const string Default = "Messaging.EmailQueue";

    public const string Publish = Default + ".Publish";

    /// <summary>Replay dead-lettered events.</summary>
    public const string DeadLetters = Default + ".DeadLetters";

    /// <summary>Remove addresses from the suppression list.</summary>
    public const string Suppressions = Default + ".Suppressions";

    /// <summary>Change the tenant's SMTP server and its credentials.</summary>
    public const string Smtp = Default + ".Smtp";

    /// <summary>Save the tenant's own email templates, activate an earlier version, reset to the shipped ones (reading and previewing need only <see cref="Default"/>).</summary>
    public const string Templates = Default + ".Templates";

    /// <summary>Read the tenant's inbound workers, email rules, their audit and the inbound statistics.</summary>
    public const string Inbound = Default + ".Inbound";

    /// <summary>Create, change and delete inbound workers and email rules, and rotate a worker's secret.</summary>
    public const string InboundManage = Inbound + ".Manage";

    /// <summary>The instance's phase-2 queue and rule cache (the host's operators; they span tenants).</summary>
    public const string InboundOperations = Inbound + ".Operations";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Default, PermissionSides.Both, PermissionKind.Read),
        new(Publish, PermissionSides.Tenant, PermissionKind.Use),
        new(DeadLetters, PermissionSides.Both, PermissionKind.Manage),
        new(Suppressions, PermissionSides.Both, PermissionKind.Manage),
        new(Smtp, PermissionSides.Tenant, PermissionKind.Manage),
        new(Templates, PermissionSides.Tenant, PermissionKind.Manage),
        new(Inbound, PermissionSides.Tenant, PermissionKind.Read),
        new(InboundManage, PermissionSides.Tenant, PermissionKind.Manage),
        new(InboundOperations, PermissionSides.Host, PermissionKind.Read)
    ];
}
