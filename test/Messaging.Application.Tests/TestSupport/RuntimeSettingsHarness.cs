using Messaging.Backplane;
using Messaging.DistributedLocking;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.EventBus;
using Messaging.Messages;
using Messaging.Messages.Settings;
using Messaging.Settings;
using Messaging.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Messaging.TestSupport;

/// <summary>
/// Two instances of the application as the host wires them, sharing one real database (a SQLite file or a PostgreSQL
/// database of their own) but no backplane: what reaches the second instance comes from the database.
/// </summary>
public sealed class RuntimeSettingsHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly PostgreSqlTestDatabase? _postgreSql;

    private RuntimeSettingsHarness(string folder, PostgreSqlTestDatabase? postgreSql, SettingsInstance first, SettingsInstance second)
    {
        _folder = folder;
        _postgreSql = postgreSql;
        First = first;
        Second = second;
    }

    public SettingsInstance First { get; }

    public SettingsInstance Second { get; }

    public static async Task<RuntimeSettingsHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var postgreSql = provider == DatabaseProvider.PostgreSql ? await PostgreSqlTestDatabase.CreateAsync() : null;
        var folder = Directory.CreateTempSubdirectory("messaging-settings-tests-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = postgreSql?.ConnectionString ?? $"Data Source={Path.Combine(folder, "messaging.db")}"
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var first = SettingsInstance.Create(configuration, configure);
        var second = SettingsInstance.Create(configuration, configure);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Database.MigrateAsync();
        }

        return new RuntimeSettingsHarness(folder, postgreSql, first, second);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await First.Services.DisposeAsync();
            await Second.Services.DisposeAsync();
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

public sealed class SettingsInstance
{
    private SettingsInstance(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    /// <summary>What every consumer of the options reads now.</summary>
    public HighThroughputOptions Effective => Services.GetRequiredService<IOptionsMonitor<HighThroughputOptions>>().CurrentValue;

    public RuntimeSettingsLoader<HighThroughputOptions, HighThroughputSettingsVersion> Loader => Services.GetRequiredService<RuntimeSettingsLoader<HighThroughputOptions, HighThroughputSettingsVersion>>();

    public static SettingsInstance Create(IConfiguration configuration, Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostApplicationLifetime>(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance))
            .AddHybridCache().Services
            .AddSingleton<IBackplane, LocalBackplane>()
            .AddSingleton<IDistributedLock, LocalDistributedLock>()
            .AddSingleton<IEventTransport, InProcessEventTransport>()
            .AddSingleton<ICurrentUser>(new TestCurrentUser(Guid.NewGuid(), "settings-admin"))
            .AddApplicationLayer(configuration)
            .AddEntityFrameworkCoreLayer(configuration);
        configure?.Invoke(services);
        return new SettingsInstance(services.BuildServiceProvider(validateScopes: true));
    }

    public async Task<T> CallAsync<T>(Func<IHighThroughputSettingsAppService, Task<T>> call)
    {
        await using var scope = Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<IHighThroughputSettingsAppService>());
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed record TestCurrentUser(Guid? Id, string? Name) : ICurrentUser
{
    public IReadOnlyList<string> Permissions => [];
}
