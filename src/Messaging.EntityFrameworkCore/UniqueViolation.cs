using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Messaging.EntityFrameworkCore;

internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const string PostgreSqlUniqueViolation = "23505";
    private const int SqlServerDuplicateKeyInUniqueIndex = 2601;
    private const int SqlServerUniqueConstraintViolation = 2627;

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } => true,
        PostgresException { SqlState: PostgreSqlUniqueViolation } => true,
        SqlException { Number: SqlServerDuplicateKeyInUniqueIndex or SqlServerUniqueConstraintViolation } => true,
        _ => false
    };

    /// <summary>Inserts <paramref name="entity"/> unless a unique index already holds it (a retry, or another instance first); false then.</summary>
    public static async Task<bool> TryInsertAsync<TEntity>(this DbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entry = await db.Set<TEntity>().AddAsync(entity, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            entry.State = EntityState.Detached;
            return false;
        }
    }
}
