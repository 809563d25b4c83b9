using Messaging.Backplane;
using Messaging.DistributedLocking;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.EventBus;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Messages;
using Messaging.Messages.Ingestion;
using Messaging.MultiTenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>
/// The hot path as the host wires it (application + EF Core modules) over a real SQLite file,
/// with the group-commit writer running. Settings are overridable per test.
/// </summary>
public sealed class GroupCommitHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private GroupCommitHarness(string folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
    }

    public string ConnectionString => _services.GetRequiredService<MessagingConnectionString>().Value;

    public IMessageIngestion Ingestion => _services.GetRequiredService<IMessageIngestion>();

    public MessageBuffer Buffer => _services.GetRequiredService<MessageBuffer>();

    public ICurrentTenant CurrentTenant => _services.GetRequiredService<ICurrentTenant>();

    public GroupCommitWriter Writer => _services.GetServices<IHostedService>().OfType<GroupCommitWriter>().Single();

    public static async Task<GroupCommitHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? replace = null)
    {
        var folder = Directory.CreateTempSubdirectory("messaging-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "messaging.db")}",
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
            .AddMessagingApplication(configuration)
            .AddMessagingEntityFrameworkCore(configuration);
        replace?.Invoke(services);

        var harness = new GroupCommitHarness(folder, services.BuildServiceProvider(validateScopes: true));
        await using (var scope = harness._services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Database.MigrateAsync();
        }

        await harness.Writer.StartAsync(CancellationToken.None);
        harness._started.Add(harness.Writer);
        return harness;
    }

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

    /// <summary>Tracking ids stored for a tenant, read straight from the file, duplicates included.</summary>
    public async Task<List<StoredMessage>> StoredMessagesAsync(Guid tenantId)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "IdempotencyKey", "RequestHash" FROM "MsgMessages" WHERE "TenantId" = $tenant""";
        command.Parameters.AddWithValue("$tenant", tenantId.ToString().ToUpperInvariant());
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new List<StoredMessage>();
        while (await reader.ReadAsync())
        {
            stored.Add(new StoredMessage(Guid.Parse(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }

        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        // A bounded stop: a service that cannot stop must fail the test run, not hang it.
        using var stopDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(stopDeadline.Token);
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed record StoredMessage(Guid Id, string? IdempotencyKey, string RequestHash);
