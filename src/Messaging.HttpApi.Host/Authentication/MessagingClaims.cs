namespace Messaging.Authentication;

public static class MessagingClaims
{
    public const string KeyId = "messaging:key_id";

    /// <summary>The signed-in user (or machine client) an access token was issued to.</summary>
    public const string UserId = "messaging:user_id";

    public const string UserName = "messaging:user_name";
    public const string KeyName = "messaging:key_name";
    public const string TenantId = "messaging:tenant_id";
    public const string Tier = "messaging:tier";
    public const string TenantActive = "messaging:tenant_active";
    public const string Role = "messaging:role";
    public const string HostAdminRole = "host-admin";

    /// <summary>One per permission the caller has, whether it came with an API key or an access token.</summary>
    public const string Permission = "messaging:permission";
}
