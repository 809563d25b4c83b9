using System.Text;
using Npgsql;

namespace Messaging.EntityFrameworkCore.PostgreSql;

/// <summary>
/// PostgreSQL's errors that blame a value of a row (SQLSTATE class 22, data exception; class 23, integrity constraint
/// violation; 54000, a value too large for an index row), and Npgsql's refusal to encode text that is not Unicode.
/// </summary>
public static class PostgreSqlRefusedValues
{
    public static RefusedValueKind? Classify(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.ProgramLimitExceeded => RefusedValueKind.TooLong,
        _ when sqlState.StartsWith("22", StringComparison.Ordinal) => RefusedValueKind.InvalidValue,
        _ when sqlState.StartsWith("23", StringComparison.Ordinal) => RefusedValueKind.ConstraintViolated,
        _ => null
    };

    public static RefusedValue? Find(Exception exception) => exception switch
    {
        PostgresException { SqlState: var sqlState } when Classify(sqlState) is { } kind =>
            new RefusedValue(kind, $"the database refused one of its values (PostgreSQL SQLSTATE {sqlState})"),
        EncoderFallbackException or { InnerException: EncoderFallbackException } =>
            new RefusedValue(RefusedValueKind.InvalidValue, "one of its values is not Unicode text"),
        _ => null
    };
}
