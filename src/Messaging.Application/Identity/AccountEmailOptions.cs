namespace Messaging.Identity;

/// <summary>How account emails (welcome with email confirmation, password reset) reach people.</summary>
public sealed class AccountEmailOptions
{
    /// <summary>
    /// The https origin people reach the host's account pages at (<c>Identity:PublicOrigin</c>). Links are built from it,
    /// never from a request's Host header, which a caller chooses. Without it no account email is sent.
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>Writes links that cannot be mailed to the log: on the embedded default only, where the operator is the reader.</summary>
    public bool LogLinksThatCannotBeMailed { get; set; }

    /// <summary>How long a reset or confirmation link works.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
