using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.EntityFrameworkCore.Diagnostics;

/// <summary>Reports every command EF Core runs, on every provider, to <see cref="QueryMonitor"/>.</summary>
public sealed class QueryMonitoringInterceptor(QueryMonitor monitor) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        monitor.Executed("query", command.CommandText, eventData.Duration, false);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        monitor.Executed("query", command.CommandText, eventData.Duration, false);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        monitor.Executed("non_query", command.CommandText, eventData.Duration, false);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        monitor.Executed("non_query", command.CommandText, eventData.Duration, false);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        monitor.Executed("scalar", command.CommandText, eventData.Duration, false);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        monitor.Executed("scalar", command.CommandText, eventData.Duration, false);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        monitor.Executed(eventData.ExecuteMethod.ToString().ToLowerInvariant(), command.CommandText, eventData.Duration, true);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }
}
