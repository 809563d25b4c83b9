namespace Messaging.Identity;

/// <summary>The sign-in server's ended tokens and authorizations: every refresh rotates a token, so they grow with every sign-in.</summary>
public interface ISignInTokenPruner
{
    /// <summary>How long ended tokens are kept before they are deleted.</summary>
    TimeSpan Retention { get; }

    /// <summary>Deletes the tokens that expired, were redeemed or revoked, and the authorizations left without tokens, before the cutoff.</summary>
    /// <returns>How many rows it deleted.</returns>
    Task<long> PruneAsync(DateTime cutoff, CancellationToken cancellationToken = default);
}
