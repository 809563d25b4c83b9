namespace Messaging.Messages;

/// <summary>Why a message cannot be stored as given; the reason is a metric's tag, the description the caller's answer.</summary>
public sealed record UnstorableValue(UnstorableReason Reason, string Description);

public enum UnstorableReason
{
    /// <summary>U+0000 in text, which PostgreSQL's text types cannot hold.</summary>
    NulCharacter,

    /// <summary>A UTF-16 surrogate without its pair: not Unicode text, so a UTF-8 database refuses or alters it.</summary>
    LoneSurrogate,

    /// <summary>Longer than its column.</summary>
    TooLong,

    /// <summary>The database refused a value as invalid for its type or encoding.</summary>
    InvalidValue,

    /// <summary>The row breaks a constraint other than the idempotency key, which the store resolves itself.</summary>
    ConstraintViolated
}

/// <summary>
/// The database refused a value of one row of a batch (a data error, not a failure of the connection or the
/// server): nothing of the batch was written, and writing it again as it is fails again. Which row is not known.
/// </summary>
public sealed class BatchRowRefusedException(UnstorableReason reason, string description, Exception inner)
    : Exception($"The database refused a value of a row of the batch: {description}.", inner)
{
    public UnstorableReason Reason { get; } = reason;

    public string Description { get; } = description;
}
