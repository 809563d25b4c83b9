using Messaging.Users;

namespace Messaging.Authentication;

/// <summary>The API key of the request being handled, from the claims the API key handler issued.</summary>
public sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id => Guid.TryParse(accessor.HttpContext?.User.FindFirst(MessagingClaims.KeyId)?.Value, out var id) ? id : null;

    public string? Name => accessor.HttpContext?.User.FindFirst(MessagingClaims.KeyName)?.Value;
}
