namespace Messaging.Authentication;

public static class MessagingAuthenticationSchemes
{
    /// <summary>The default scheme: API keys in the <c>X-Api-Key</c> header, added by the module that manages keys.</summary>
    public const string ApiKey = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";
}
