namespace Messaging.EntityFrameworkCore;

/// <summary>
/// A database error that blames a value of a row being written (a data or integrity error), not the connection, the
/// server or a deadlock: writing the same rows again fails again, so a batch store's caller isolates that row instead
/// of retrying. Each database classifies its own errors: <c>SqliteRefusedValues</c>, <c>PostgreSqlRefusedValues</c>,
/// <c>SqlServerRefusedValues</c>.
/// </summary>
public sealed record RefusedValue(RefusedValueKind Kind, string Description);

public enum RefusedValueKind
{
    /// <summary>Longer than its column.</summary>
    TooLong,

    /// <summary>Invalid for its column's type or encoding.</summary>
    InvalidValue,

    /// <summary>Breaks a constraint: NOT NULL, a unique key, a foreign key or a check.</summary>
    ConstraintViolated
}
