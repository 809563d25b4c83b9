namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>The sign-in server (OpenIddict), bound from <c>Identity:Server</c>.</summary>
public sealed class IdentityServerOptions
{
    public const string SectionName = "Identity:Server";

    /// <summary>The admin UI's client id: a public client using the authorization code flow with PKCE.</summary>
    public const string AdminClientId = "messaging-admin";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refresh tokens rotate: each use returns a new one and ends the old one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a used refresh token is still honoured (for a client that sent two refreshes at once); zero by default,
    /// so a stolen refresh token that was already used is worthless.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long ended tokens (expired, redeemed, revoked) are kept before the daily prune deletes them.</summary>
    public TimeSpan TokenRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Where the admin UI may receive its authorization codes, and where signing out may return to.</summary>
    public List<string> AdminClientRedirectUris { get; set; } = [];

    /// <summary>PFX files with their passwords; required outside the embedded default, which uses development keys.</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    /// <summary>Confidential clients using client credentials, each for a tenant (by name) or for the host when none is named.</summary>
    public List<MachineClientOptions> MachineClients { get; set; } = [];
}

public sealed class MachineClientOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The tenant's name; empty for a host client.</summary>
    public string? Tenant { get; set; }

    /// <summary>What its tokens may do; empty for everything its side may.</summary>
    public List<string> Permissions { get; set; } = [];
}
