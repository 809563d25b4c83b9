namespace Messaging.Identity;

/// <summary>What the sign-in server writes into its tokens besides the standard claims.</summary>
public static class TokenClaims
{
    /// <summary>The tenant the user or machine client belongs to; absent for the host's.</summary>
    public const string TenantId = "tenant_id";

    /// <summary><see cref="UserKind"/> or <see cref="ClientKind"/>.</summary>
    public const string Kind = "messaging_kind";

    /// <summary>A machine client's permission; a user's come from its roles at each use of the token instead.</summary>
    public const string Permission = "messaging_permission";

    public const string UserKind = "user";
    public const string ClientKind = "client";
}
