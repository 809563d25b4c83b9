using Microsoft.Data.Sqlite;

namespace Messaging.EntityFrameworkCore.Sqlite;

/// <summary>SQLite's result codes that blame a value of a row, not the database file or the connection.</summary>
public static class SqliteRefusedValues
{
    private const int Constraint = 19;
    private const int Mismatch = 20;
    private const int TooBig = 18;

    public static RefusedValueKind? Classify(int resultCode) => (resultCode & 0xFF) switch
    {
        Constraint => RefusedValueKind.ConstraintViolated,
        Mismatch => RefusedValueKind.InvalidValue,
        TooBig => RefusedValueKind.TooLong,
        _ => null
    };

    public static RefusedValue? Find(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: var code } && Classify(code) is { } kind
            ? new RefusedValue(kind, $"the database refused one of its values (SQLite result code {code})")
            : null;
}
