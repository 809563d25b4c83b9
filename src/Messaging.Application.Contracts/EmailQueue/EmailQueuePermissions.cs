using Messaging.Authorization;

namespace Messaging.EmailQueue;

/// <summary>The EmailQueue module's permissions.</summary>
public static class EmailQueuePermissions
{
    /// <summary>Read email events, the queue status, dead letters, suppressions and the SMTP settings (never their password).</summary>
    public const string Default = "Messaging.EmailQueue";

    public const string Publish = Default + ".Publish";

    /// <summary>Replay dead-lettered events.</summary>
    public const string DeadLetters = Default + ".DeadLetters";

    /// <summary>Remove addresses from the suppression list.</summary>
    public const string Suppressions = Default + ".Suppressions";

    /// <summary>Change the tenant's SMTP server and its credentials.</summary>
    public const string Smtp = Default + ".Smtp";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Default, PermissionSides.Tenant, PermissionKind.Read),
        new(Publish, PermissionSides.Tenant, PermissionKind.Use),
        new(DeadLetters, PermissionSides.Tenant, PermissionKind.Manage),
        new(Suppressions, PermissionSides.Tenant, PermissionKind.Manage),
        new(Smtp, PermissionSides.Tenant, PermissionKind.Manage)
    ];
}
