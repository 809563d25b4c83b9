using Messaging.ExceptionHandling;

namespace Messaging.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> a caller may send with a request that creates something: its format, and the refusal
/// when a key already stored asked for a different request. Every module that accepts one uses these rules.
/// </summary>
public static class IdempotencyKey
{
    /// <summary>The header, and the name a malformed key's error is filed under.</summary>
    public const string Field = "Idempotency-Key";

    public const int MaxLength = 128;

    /// <summary>Adds the error of a malformed key (not 1 to <see cref="MaxLength"/> visible ASCII characters); no key is fine.</summary>
    public static void Validate(string? idempotencyKey, IDictionary<string, string[]> errors)
    {
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxLength || !idempotencyKey.All(c => c is >= '!' and <= '~')))
        {
            errors[Field] = [$"The idempotency key must be 1 to {MaxLength} visible ASCII characters."];
        }
    }

    /// <summary>What a request answers when its key was stored for a different request: 422, never the other's result.</summary>
    public static UnprocessableRequestException Reused(string? idempotencyKey) => new(
        MessagingErrorCodes.IdempotencyKeyReused,
        $"The idempotency key '{idempotencyKey}' was already used for a different request.");
}
