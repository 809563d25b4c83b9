namespace Messaging.Users;

/// <summary>
/// Who the current operation acts for, as ABP's <c>ICurrentUser</c>: here the API key that authenticated the request.
/// Empty outside a request (jobs, event handlers, start-up).
/// </summary>
public interface ICurrentUser
{
    /// <summary>The API key's id.</summary>
    Guid? Id { get; }

    /// <summary>The API key's name.</summary>
    string? Name { get; }

    bool IsAuthenticated => Id is not null;
}
