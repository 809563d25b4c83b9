namespace Messaging.Identity;

/// <summary>What the sign-in server writes into its tokens besides the standard claims.</summary>
public static class TokenClaims
{
    /// <summary>The tenant the user or machine client belongs to; absent for the host's.</summary>
    public const string TenantId = "tenant_id";

    /// <summary><see cref="UserKind"/> or <see cref="ClientKind"/>.</summary>
    public const string Kind = "messaging_kind";

    public const string UserKind = "user";
    public const string ClientKind = "client";
}
