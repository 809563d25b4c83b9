namespace Messaging.FlowControl;

/// <summary>
/// Marks an endpoint heavy enough to refuse (503 with Retry-After) while the instance nears its memory limit.
/// Admin endpoints are never marked: the host admin must be able to act, for example raise the limit.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ShedUnderMemoryPressureAttribute : Attribute;
