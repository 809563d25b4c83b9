namespace Messaging.Security;

/// <summary>
/// Short-lived tokens that grant one narrow thing (subscribing to one channel's events) to a caller that cannot send
/// headers, such as a browser's <c>EventSource</c>: the token goes in the URL instead of a long-lived secret. Protected
/// (encrypted and authenticated) with the key ring every instance shares, so any instance accepts what another issued.
/// </summary>
public interface IScopedAccessTokens
{
    /// <param name="scope">What the token grants, read back by <see cref="TryRead"/> (the tenant and the topic, say).</param>
    string Issue(string scope, DateTimeOffset expiresAt);

    /// <summary>The token's scope; false for a token that is garbled, forged or expired.</summary>
    bool TryRead(string token, out string scope);
}
