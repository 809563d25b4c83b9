using Messaging.EntityFrameworkCore;

namespace Messaging.TestSupport;

/// <summary>One host on PostgreSQL (a database of its own) for a test class whose tests each make their own tenant.</summary>
public sealed class PostgreSqlHost : IAsyncLifetime
{
    public PostgreSqlTestDatabase Database { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgreSqlTestDatabase.CreateAsync();
        Host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["ConnectionStrings__Default"] = Database.ConnectionString
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
