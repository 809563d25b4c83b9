using Microsoft.Data.SqlClient;

namespace Messaging.EntityFrameworkCore.SqlServer;

/// <summary>SQL Server's error numbers that blame a value of a row, not the connection, the server or a deadlock.</summary>
public static class SqlServerRefusedValues
{
    public static RefusedValueKind? Classify(int number) => number switch
    {
        // String or binary data would be truncated (2628 names the column); a bulk-copied value longer than its column.
        8152 or 2628 or 4815 => RefusedValueKind.TooLong,
        // NULL into a NOT NULL column; a foreign key or check constraint; a duplicate in a unique index or key.
        515 or 547 or 2601 or 2627 => RefusedValueKind.ConstraintViolated,
        // Conversion of a date, a string or a number failed; an arithmetic overflow.
        241 or 242 or 245 or 8114 or 8115 => RefusedValueKind.InvalidValue,
        _ => null
    };

    public static RefusedValue? Find(Exception exception) =>
        exception is SqlException { Number: var number } && Classify(number) is { } kind
            ? new RefusedValue(kind, $"the database refused one of its values (SQL Server error {number})")
            : null;
}
