namespace Messaging.ExceptionHandling;

/// <summary>
/// An expected failure that the caller can act on. The HTTP layer maps each subtype to one status code
/// and an RFC 7807 body; anything that is not a <see cref="MessagingException"/> is a bug.
/// </summary>
public abstract class MessagingException(string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>Members the problem document carries besides its code, for the caller to act on (the status that refused a change).</summary>
    public virtual IReadOnlyDictionary<string, string> ProblemExtensions { get; } = new Dictionary<string, string>();
}

/// <summary>The resource's state refuses the change (409); a module's own refusals derive from it with their codes.</summary>
public abstract class StateConflictException(string code, string message) : MessagingException(code, message);

public sealed class EntityNotFoundException(string entityName, object id)
    : MessagingException(MessagingErrorCodes.NotFound, $"{entityName} '{id}' was not found.");

public sealed class ForbiddenException(string message)
    : MessagingException(MessagingErrorCodes.Forbidden, message);

public sealed class ConflictException(string message)
    : MessagingException(MessagingErrorCodes.Conflict, message);

/// <summary>The caller could not be authenticated for this request (a receipt whose signature does not verify).</summary>
public sealed class UnauthorizedException(string code, string message)
    : MessagingException(code, message);

/// <summary>
/// Another writer changed the same rows first (a unique key taken, a status that moved since it was read). Retrying
/// the whole operation reads the new state and usually succeeds.
/// </summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null)
    : MessagingException(MessagingErrorCodes.ConcurrencyConflict, message, inner);

public sealed class UnprocessableRequestException(string code, string message)
    : MessagingException(code, message);

public sealed class InputValidationException(IReadOnlyDictionary<string, string[]> errors)
    : MessagingException(MessagingErrorCodes.ValidationFailed, "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Settings that cannot be applied: every failure, keyed by the setting's configuration path (or <c>settings</c> when a
/// failure names none). Nothing was stored or applied.
/// </summary>
public sealed class SettingsValidationException(IReadOnlyDictionary<string, string[]> errors)
    : MessagingException(MessagingErrorCodes.InvalidSettings, "The settings are invalid; nothing was changed.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The caller should slow down: the request was valid and may succeed after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException(string code, string message, TimeSpan retryAfter)
    : MessagingException(code, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The service cannot take the request now (full, draining or storage down); nothing was acknowledged.</summary>
public sealed class ServiceUnavailableException(string code, string message, TimeSpan retryAfter, Exception? inner = null)
    : MessagingException(code, message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The request's content is larger than the caller may send (413); nothing of it was kept.</summary>
public sealed class PayloadTooLargeException(string code, string message)
    : MessagingException(code, message);

/// <summary>The request's content is of a type this endpoint does not take (415); nothing of it was kept.</summary>
public sealed class UnsupportedMediaTypeException(string code, string message)
    : MessagingException(code, message);
