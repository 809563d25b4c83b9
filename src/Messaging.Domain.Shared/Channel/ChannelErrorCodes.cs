namespace Messaging.Channel;

/// <summary>The stable codes of the Channel module's refusals, in the problem document's <c>code</c>.</summary>
public static class ChannelErrorCodes
{
    public const string Archived = "Messaging:Channel:Archived";
    public const string DelayedQueueFull = "Messaging:Channel:DelayedQueueFull";
    public const string DelayedMessageNotCancellable = "Messaging:Channel:DelayedMessageNotCancellable";
    public const string CronSecretInvalid = "Messaging:Channel:CronSecretInvalid";
    public const string SubscriptionRefused = "Messaging:Channel:SubscriptionRefused";
}
