using System.Data.Common;
using Messaging.Backplane;
using Messaging.CircuitBreaking;
using Messaging.DistributedLocking;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.CircuitBreaking;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.Attachment;
using Messaging.Infrastructure.EmailQueue;
using Messaging.Infrastructure.EventBus;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Messages;
using Messaging.Messages.Ingestion;
using Messaging.MultiTenancy;
using Messaging.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>
/// The hot path as the host wires it (application + EF Core modules) over a real database, migrated, with the
/// group-commit writer running: a SQLite file, or a database of its own on the PostgreSQL test server.
/// Settings are overridable per test.
/// </summary>
public sealed class GroupCommitHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly PostgreSqlTestDatabase? _postgreSql;
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private GroupCommitHarness(string folder, PostgreSqlTestDatabase? postgreSql, ServiceProvider services)
    {
        _folder = folder;
        _postgreSql = postgreSql;
        _services = services;
    }

    public DatabaseProvider Provider => _services.GetRequiredService<MessagingConnectionString>().Provider;

    public string ConnectionString => _services.GetRequiredService<MessagingConnectionString>().Value;

    public IMessageBatchStore BatchStore => _services.GetRequiredService<IMessageBatchStore>();

    public IMessageIngestion Ingestion => _services.GetRequiredService<IMessageIngestion>();

    public MessageBuffer Buffer => _services.GetRequiredService<MessageBuffer>();

    public ICurrentTenant CurrentTenant => _services.GetRequiredService<ICurrentTenant>();

    public GroupCommitWriter Writer => _services.GetServices<IHostedService>().OfType<GroupCommitWriter>().Single();

    public static async Task<GroupCommitHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? replace = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var postgreSql = provider == DatabaseProvider.PostgreSql ? await PostgreSqlTestDatabase.CreateAsync() : null;
        var folder = Directory.CreateTempSubdirectory("messaging-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = provider switch
            {
                DatabaseProvider.Sqlite => $"Data Source={Path.Combine(folder, "messaging.db")}",
                DatabaseProvider.PostgreSql => postgreSql!.ConnectionString,
                _ => throw new NotSupportedException($"No test server for {provider}.")
            },
            ["HighThroughput:Buffer:BatchTimeout"] = "00:00:00.002"
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostApplicationLifetime>(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance))
            .AddHybridCache().Services
            .AddSingleton<IBackplane, LocalBackplane>()
            .AddSingleton<IDistributedLock, LocalDistributedLock>()
            .AddSingleton<IEventTransport, InProcessEventTransport>()
            .AddSingleton<ICircuitBreaker, LocalCircuitBreaker>()
            .AddSingleton<ICurrentUser>(new TestCurrentUser(Guid.NewGuid(), "tests"))
            .AddMessageProviders(configuration)
            .AddEmailQueueInfrastructure(configuration)
            .AddAttachmentInfrastructure(configuration)
            .AddApplicationLayer(configuration)
            .AddEntityFrameworkCoreLayer(configuration);
        replace?.Invoke(services);

        var harness = new GroupCommitHarness(folder, postgreSql, services.BuildServiceProvider(validateScopes: true));
        try
        {
            await using (var scope = harness._services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Database.MigrateAsync();
            }

            await harness.Writer.StartAsync(CancellationToken.None);
            harness._started.Add(harness.Writer);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a batch straight to the store, each message with its acceptance event, as the writer does.</summary>
    public Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<Message> messages) =>
        BatchStore.InsertBatchAsync(messages.Select(m => new AcceptedMessage(m, TestMessages.AcceptedEvent(m))).ToList(), CancellationToken.None);

    /// <summary>Sends a message with its acceptance event, as the app service does.</summary>
    public Task<MessageAcceptedDto> IngestAsync(Message message) =>
        Ingestion.IngestAsync(message, TestMessages.AcceptedEvent(message), CancellationToken.None);

    public async Task RunJobAsync<TJob>(Func<TJob, Task> run)
        where TJob : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    public IServiceProvider Services => _services;

    public OutboxRelay Relay => _services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();

    public async Task StartRelayAsync()
    {
        await Relay.StartAsync(CancellationToken.None);
        _started.Add(Relay);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task StopWriterAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        _started.Remove(Writer);
    }

    /// <summary>Tracking ids stored for a tenant, read straight from the database, duplicates included.</summary>
    public Task<List<StoredMessage>> StoredMessagesAsync(Guid tenantId) =>
        QueryAsync(
            """SELECT "Id", "IdempotencyKey", "RequestHash" FROM "MsgMessages" WHERE "TenantId" = @tenant""",
            tenantId,
            reader => new StoredMessage(ReadGuid(reader, 0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));

    /// <summary>The message ids of a tenant's status history rows, read straight from the database.</summary>
    public Task<List<Guid>> StoredHistoryAsync(Guid tenantId) =>
        QueryAsync("""SELECT "MessageId" FROM "MsgMessageStatusChanges" WHERE "TenantId" = @tenant""", tenantId, reader => ReadGuid(reader, 0));

    /// <summary>The ids of a tenant's outbox events, read straight from the database.</summary>
    public Task<List<Guid>> StoredOutboxEventsAsync(Guid tenantId) =>
        QueryAsync("""SELECT "Id" FROM "EbOutbox" WHERE "TenantId" = @tenant""", tenantId, reader => ReadGuid(reader, 0));

    private async Task<List<T>> QueryAsync<T>(string sql, Guid tenantId, Func<DbDataReader, T> read)
    {
        await using var connection = _postgreSql is not null ? await _postgreSql.OpenAsync() : await OpenSqliteAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var tenant = command.CreateParameter();
        tenant.ParameterName = "@tenant";
        // SQLite stores ids as the upper-case text EF Core writes; PostgreSQL as uuid.
        tenant.Value = _postgreSql is not null ? tenantId : tenantId.ToString().ToUpperInvariant();
        command.Parameters.Add(tenant);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<DbConnection> OpenSqliteAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A bounded stop: a service that cannot stop must fail the test run, not hang it.
            using var stopDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var service in Enumerable.Reverse(_started))
            {
                await service.StopAsync(stopDeadline.Token);
            }

            await _services.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            if (_postgreSql is not null)
            {
                await _postgreSql.DisposeAsync();
            }
        }
    }
}

public sealed record StoredMessage(Guid Id, string? IdempotencyKey, string RequestHash);
