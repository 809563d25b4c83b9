using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique };
}
