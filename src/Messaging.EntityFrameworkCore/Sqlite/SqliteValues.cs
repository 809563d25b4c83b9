using System.Globalization;

namespace Messaging.EntityFrameworkCore.Sqlite;

/// <summary>The text forms EF Core's SQLite provider uses, so rows written here read back through EF unchanged.</summary>
internal static class SqliteValues
{
    private const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();

    public static string DateTime(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseDateTime(string value) =>
        System.DateTime.SpecifyKind(System.DateTime.Parse(value, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
