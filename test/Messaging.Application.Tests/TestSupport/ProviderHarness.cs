using Messaging.Backplane;
using Messaging.Caching;
using Messaging.DistributedLocking;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.EventBus;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Messaging.TestSupport;

/// <summary>
/// One instance of the platform's provider pieces (application, EF Core and the providers, as the host registers them)
/// over a database that several harnesses may share, with a backplane that several may share too: two harnesses on one
/// file and one backplane are two instances of a scaled-out deployment.
/// </summary>
public sealed class ProviderHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private ProviderHarness(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public IProviderEndpointResolver Resolver => _services.GetRequiredService<IProviderEndpointResolver>();

    public ICurrentTenant CurrentTenant => _services.GetRequiredService<ICurrentTenant>();

    public static async Task<ProviderHarness> StartAsync(string sqliteFile, IBackplane backplane, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={sqliteFile}"
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
            .AddHybridCache().Services
            .AddSingleton(backplane)
            .AddSingleton<IDistributedLock, LocalDistributedLock>()
            .AddSingleton<IEventTransport, InProcessEventTransport>()
            .AddApplicationLayer(configuration, acceptsRequests: false, runsWorkers: false)
            .AddEntityFrameworkCoreLayer(configuration)
            .AddMessageProviders(configuration);
        var harness = new ProviderHarness(services.BuildServiceProvider(validateScopes: true));
        await using (var scope = harness._services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Database.MigrateAsync();
        }

        var listener = harness._services.GetServices<IHostedService>().OfType<TenantCacheEvictionListener>().Single();
        await listener.StartAsync(CancellationToken.None);
        harness._started.Add(listener);
        return harness;
    }

    /// <summary>Runs work in a request-like scope of one tenant.</summary>
    public async Task<T> InTenantAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        using var tenant = CurrentTenant.Change(tenantId);
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<ProviderConfigurationDto> ConfigureAsync(Guid tenantId, MessageChannel channel, SetProviderConfigurationDto input) =>
        InTenantAsync(tenantId, services => services.GetRequiredService<IMessageProviderAppService>().SetConfigurationAsync(channel, input));

    public IMessageSender Sender(string provider) => _services.GetServices<IMessageSender>().Single(s => s.Provider == provider);

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}

/// <summary>A throwaway folder for a SQLite file that several harnesses share; its bytes can be searched for secrets.</summary>
public sealed class SharedSqliteFile : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("messaging-provider-tests-");

    public string Path => System.IO.Path.Combine(_folder.FullName, "messaging.db");

    /// <summary>Whether the text appears anywhere in the database, its write-ahead log included.</summary>
    public bool Contains(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return _folder.GetFiles("messaging.db*").Any(file => File.ReadAllBytes(file.FullName).AsSpan().IndexOf(needle) >= 0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
