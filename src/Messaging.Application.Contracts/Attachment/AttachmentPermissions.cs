using Messaging.Authorization;

namespace Messaging.Attachment;

/// <summary>The Attachment module's permissions.</summary>
public static class AttachmentPermissions
{
    /// <summary>Read attachments, their results, download links and the audit log.</summary>
    public const string Default = "Messaging.Attachment";

    public const string Upload = Default + ".Upload";

    public const string Delete = Default + ".Delete";

    /// <summary>Run the orphan sweep now (the host admin).</summary>
    public const string Sweep = Default + ".Sweep";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Default, PermissionSides.Tenant, PermissionKind.Read),
        new(Upload, PermissionSides.Tenant, PermissionKind.Use),
        new(Delete, PermissionSides.Tenant, PermissionKind.Use),
        new(Sweep, PermissionSides.Host, PermissionKind.Manage)
    ];
}
