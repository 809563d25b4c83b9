namespace Messaging.Messages;

/// <summary>Ordered from least to most urgent, so comparisons read naturally.</summary>
public enum MessagePriority
{
    Low,
    Normal,
    High,
    Critical
}
