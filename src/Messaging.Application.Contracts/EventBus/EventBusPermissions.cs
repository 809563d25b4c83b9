using Messaging.Authorization;

namespace Messaging.EventBus;

public static class EventBusPermissions
{
    /// <summary>List and replay parked events.</summary>
    public const string ParkedEvents = "Messaging.EventBus.ParkedEvents";

    public static readonly IReadOnlyList<PermissionDefinition> All = [new(ParkedEvents, PermissionSides.Host, PermissionKind.Manage)];
}
