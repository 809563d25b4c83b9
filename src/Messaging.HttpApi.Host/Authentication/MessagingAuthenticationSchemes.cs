namespace Messaging.Authentication;

public static class MessagingAuthenticationSchemes
{
    /// <summary>The default scheme: API keys in the <c>X-Api-Key</c> header, added by the module that manages keys.</summary>
    public const string ApiKey = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Access tokens in <c>Authorization: Bearer</c>, added by the module that issues them.</summary>
    public const string BearerToken = "BearerToken";

    /// <summary>
    /// What every endpoint authenticates with: a request with a bearer token goes to <see cref="BearerToken"/>, every
    /// other to <see cref="ApiKey"/>, whose challenge and refusal (problem documents) stay what callers without a token get.
    /// </summary>
    public const string Default = "Messaging";
}
