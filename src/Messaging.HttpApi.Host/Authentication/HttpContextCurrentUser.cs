using Messaging.Users;

namespace Messaging.Authentication;

/// <summary>The API key, or the user of the access token, of the request being handled, from the claims its scheme issued.</summary>
public sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id => Guid.TryParse(Claim(MessagingClaims.KeyId) ?? Claim(MessagingClaims.UserId), out var id) ? id : null;

    public string? Name => Claim(MessagingClaims.KeyName) ?? Claim(MessagingClaims.UserName);

    public IReadOnlyList<string> Permissions =>
        accessor.HttpContext?.User.FindAll(MessagingClaims.Permission).Select(claim => claim.Value).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];

    private string? Claim(string type) => accessor.HttpContext?.User.FindFirst(type)?.Value;
}
