namespace Messaging.TestSupport;

/// <summary>One host for the tests that only need a running platform; each test makes its own tenant.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public HostProcess Host { get; private set; } = null!;

    public TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        Host = await HostProcess.StartAsync(_database.File);
        await Host.RaiseDemoTenantLimitsAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _database.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHost>
{
    public const string Name = "shared host";
}
