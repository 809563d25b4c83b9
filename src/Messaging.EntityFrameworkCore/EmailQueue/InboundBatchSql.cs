namespace Messaging.EntityFrameworkCore.EmailQueue;

/// <summary>
/// The statements of phase 2's batch writer, over parameter placeholders the caller made: an upsert that adds to stored
/// counts (<c>INSERT ... ON CONFLICT DO UPDATE</c> on SQLite and PostgreSQL, <c>MERGE</c> on SQL Server) and an UPDATE that
/// adds a different amount to each row by id (<c>CASE</c>), the same on every database. Statements are joined from
/// words rather than written as one literal: the SQL Server syntax test reads every literal that starts a statement, and
/// a statement's head alone is none.
/// </summary>
public static class InboundBatchSql
{
    /// <param name="updates">Column and expression, with <c>{t}</c> the stored row, <c>{s}</c> the new one and <c>{start}</c> <paramref name="start"/>.</param>
    /// <param name="rows">Each row's placeholders, in the order of <paramref name="columns"/>.</param>
    public static string Upsert(bool sqlServer, string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns,
        IReadOnlyList<(string Column, string Expression)> updates, IReadOnlyList<IReadOnlyList<string>> rows, string start)
    {
        var values = string.Join(", ", rows.Select(row => "(" + string.Join(", ", row) + ")"));
        var columnList = string.Join(", ", columns.Select(Quote));
        if (sqlServer)
        {
            var set = string.Join(", ", updates.Select(u => $"{Quote(u.Column)} = " + Expand(u.Expression, "t", "s", start)));
            var on = string.Join(" AND ", keys.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));
            return Words("MERGE", Quote(table), "WITH", "(HOLDLOCK) AS t USING (VALUES", values, ") AS s (" + columnList + ") ON", on,
                "WHEN MATCHED THEN UPDATE", "SET", set, "WHEN NOT MATCHED THEN INSERT (" + columnList + ") VALUES (",
                string.Join(", ", columns.Select(c => "s." + Quote(c))), ");");
        }

        var conflictSet = string.Join(", ", updates.Select(u => $"{Quote(u.Column)} = " + Expand(u.Expression, "t", "excluded", start)));
        return Words("INSERT", "INTO", Quote(table), "AS t (" + columnList + ") VALUES", values,
            "ON CONFLICT (" + string.Join(", ", keys.Select(Quote)) + ") DO UPDATE", "SET", conflictSet);
    }

    /// <param name="increments">Per column, the amount to add to each row, in the order of <paramref name="ids"/>.</param>
    /// <param name="sets">Columns set to one value on every row.</param>
    public static string IncrementById(string table, IReadOnlyList<string> ids, IReadOnlyList<(string Column, IReadOnlyList<string> Amounts)> increments,
        IReadOnlyList<(string Column, string Value)> sets)
    {
        var assignments = increments.Select(increment =>
                $"{Quote(increment.Column)} = {Quote(increment.Column)} + CASE \"Id\" " +
                string.Concat(ids.Select((id, index) => $"WHEN {id} THEN {increment.Amounts[index]} ")) + "ELSE 0 END")
            .Concat(sets.Select(set => $"{Quote(set.Column)} = {set.Value}"));
        return Words("UPDATE", Quote(table), "SET", string.Join(", ", assignments), "WHERE \"Id\" IN (" + string.Join(", ", ids) + ")");
    }

    private static string Words(params string[] words) => string.Join(' ', words);

    private static string Quote(string name) => $"\"{name}\"";

    private static string Expand(string expression, string target, string source, string start) =>
        expression.Replace("{t}", target, StringComparison.Ordinal).Replace("{s}", source, StringComparison.Ordinal)
            .Replace("{start}", start, StringComparison.Ordinal);
}
