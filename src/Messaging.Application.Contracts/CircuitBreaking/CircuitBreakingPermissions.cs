using Messaging.Authorization;

namespace Messaging.CircuitBreaking;

public static class CircuitBreakingPermissions
{
    /// <summary>See circuits: all of them for the host, a tenant its own.</summary>
    public const string Circuits = "Messaging.Circuits";

    /// <summary>Force a circuit open or reset it.</summary>
    public const string Manage = Circuits + ".Manage";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Circuits, PermissionSides.Both, PermissionKind.Read),
        new(Manage, PermissionSides.Host, PermissionKind.Manage)
    ];
}
