namespace Messaging.EntityFrameworkCore.Messages;

public static class MessagesDbProperties
{
    public const string DbTablePrefix = "Msg";
    public const string MessagesTable = DbTablePrefix + "Messages";
    public const string StatusChangesTable = DbTablePrefix + "MessageStatusChanges";
    public const string SettingsVersionsTable = DbTablePrefix + "HighThroughputSettingsVersions";
    public const string ProviderConfigurationsTable = DbTablePrefix + "ProviderConfigurations";
    public const string SandboxDeliveriesTable = DbTablePrefix + "SandboxDeliveries";

    /// <summary>Which dispatcher holds a message, and until when: persistence detail of claiming, not part of the domain.</summary>
    public const string DispatchClaimToken = "DispatchClaimToken";

    public const string DispatchClaimedUntil = "DispatchClaimedUntil";
}
