namespace Messaging.Users;

/// <summary>
/// Who the current operation acts for, as ABP's <c>ICurrentUser</c>: the API key that authenticated the request, or
/// the user (or machine client) its access token was issued to. Empty outside a request (jobs, event handlers, start-up).
/// </summary>
public interface ICurrentUser
{
    /// <summary>The API key's id, or the user's; null for a machine client, whose id is not a Guid.</summary>
    Guid? Id { get; }

    /// <summary>The API key's name, the user's name or the machine client's id.</summary>
    string? Name { get; }

    /// <summary>What the caller may do: its API key's permissions, its roles' or its machine client's.</summary>
    IReadOnlyList<string> Permissions { get; }

    bool IsAuthenticated => Id is not null;
}
