using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Messaging.TestSupport;

/// <summary>The commands EF Core sends, captured with their parameters, and PostgreSQL's plan of each.</summary>
public static class QueryPlans
{
    public static async Task<List<string>> ExplainAsync(PostgreSqlTestDatabase database, IEnumerable<SentCommand> commands)
    {
        var plans = new List<string>();
        await using var connection = await database.OpenAsync();
        foreach (var sent in commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sent.Text, connection);
            explain.Parameters.AddRange(sent.Parameters.Select(parameter => parameter.Clone()).ToArray());
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            plans.Add($"{sent.Text}\n\n{string.Join('\n', lines)}");
        }

        return plans;
    }
}

public sealed record SentCommand(string Text, NpgsqlParameter[] Parameters);

/// <summary>Records every command a context sends (but transaction control), for <see cref="QueryPlans"/>.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    public List<SentCommand> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Capture(DbCommand command)
    {
        if (!command.CommandText.StartsWith("START", StringComparison.OrdinalIgnoreCase))
        {
            Commands.Add(new SentCommand(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(parameter => parameter.Clone()).ToArray()));
        }
    }
}
