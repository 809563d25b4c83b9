using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.Messages;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore;

/// <summary>Each provider's context, migrations and registration, checked without a server.</summary>
public class DatabaseProviderTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Model_HasNoChangesMissingFromTheProvidersMigrations(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);

        context.Database.HasPendingModelChanges().ShouldBeFalse($"run dotnet ef migrations add for the {provider} context");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "\"IdempotencyKey\" IS NOT NULL")]
    [InlineData(DatabaseProvider.PostgreSql, "\"IdempotencyKey\" IS NOT NULL")]
    [InlineData(DatabaseProvider.SqlServer, "[IdempotencyKey] IS NOT NULL")]
    public void IdempotencyKeyIndex_IsUniquePerTenant_AndFilteredInTheProvidersSql(DatabaseProvider provider, string filter)
    {
        using var context = DesignTimeContext(provider);

        var index = context.Model.FindEntityType(typeof(Message))!.GetIndexes()
            .Single(i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(Message.TenantId), nameof(Message.IdempotencyKey)]));

        index.IsUnique.ShouldBeTrue();
        index.GetFilter().ShouldBe(filter);
    }

    [Fact]
    public void SqliteMigration_KeepsTheIdThatExistingDatabasesRecorded()
    {
        using var context = DesignTimeContext(DatabaseProvider.Sqlite);

        context.Database.GetMigrations().First().ShouldBe("20261122133946_Initial");
    }

    [Fact]
    public void SqlServerMigrations_RenderAsAnIdempotentScript()
    {
        using var context = DesignTimeContext(DatabaseProvider.SqlServer);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent).ReplaceLineEndings("\n");

        script.ShouldContain("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL");
        foreach (var migration in context.Database.GetMigrations())
        {
            script.ShouldContain($"""
                IF NOT EXISTS (
                    SELECT * FROM [__EFMigrationsHistory]
                    WHERE [MigrationId] = N'{migration}'
                )
                """);
            script.ShouldContain($"INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])\n    VALUES (N'{migration}'");
        }

        script.ShouldContain("CREATE TABLE [EbOutbox]");
        script.ShouldContain("CREATE TABLE [EbInbox]");
        script.ShouldContain($"CREATE TABLE [{MessagesDbProperties.MessagesTable}]");
        script.ShouldContain($"CREATE TABLE [{MessagesDbProperties.StatusChangesTable}]");
        script.ShouldContain("CREATE TABLE [TmTenants]");
        script.ShouldContain("CREATE TABLE [TmApiKeys]");
        script.ShouldContain("[Id] uniqueidentifier NOT NULL");
        script.ShouldContain("[AcceptedAt] datetime2 NOT NULL");
        script.ShouldContain(
            $"CREATE UNIQUE INDEX [IX_MsgMessages_TenantId_IdempotencyKey] ON [{MessagesDbProperties.MessagesTable}] ([TenantId], [IdempotencyKey]) WHERE [IdempotencyKey] IS NOT NULL");
    }

    [Theory]
    [InlineData(null, typeof(SqliteMessagingDbContext), typeof(SqliteMessageBatchStore))]
    [InlineData("Sqlite", typeof(SqliteMessagingDbContext), typeof(SqliteMessageBatchStore))]
    [InlineData("postgresql", typeof(PostgreSqlMessagingDbContext), typeof(PostgreSqlMessageBatchStore))]
    [InlineData("SqlServer", typeof(SqlServerMessagingDbContext), typeof(SqlServerMessageBatchStore))]
    public async Task ConfiguredProvider_DecidesTheContextAndTheBatchStore(string? provider, Type context, Type store)
    {
        var folder = Directory.CreateTempSubdirectory("messaging-provider-tests-");
        var connectionString = provider switch
        {
            "postgresql" => "Host=127.0.0.1;Database=unused",
            "SqlServer" => "Server=127.0.0.1;Database=unused",
            _ => $"Data Source={Path.Combine(folder.FullName, "messaging.db")}"
        };
        try
        {
            await using var services = Services(new() { ["Database:Provider"] = provider, ["ConnectionStrings:Default"] = connectionString });
            await using var scope = services.CreateAsyncScope();

            scope.ServiceProvider.GetRequiredService<MessagingDbContext>().ShouldBeOfType(context);
            services.GetRequiredService<IMessageBatchStore>().ShouldBeOfType(store);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UnknownProvider_IsRefusedWithTheValidNames()
    {
        var refusal = Should.Throw<InvalidOperationException>(() => Services(new() { ["Database:Provider"] = "Oracle" }));

        refusal.Message.ShouldContain("'Oracle'");
        refusal.Message.ShouldContain("Sqlite, PostgreSql, SqlServer");
    }

    [Fact]
    public void ServerProvider_WithoutAConnectionString_IsRefused()
    {
        var refusal = Should.Throw<InvalidOperationException>(() => Services(new() { ["Database:Provider"] = "PostgreSql" }));

        refusal.Message.ShouldContain("ConnectionStrings:Default");
    }

    private static MessagingDbContext DesignTimeContext(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMessagingDbContextFactory().CreateDbContext([]),
        DatabaseProvider.PostgreSql => new PostgreSqlMessagingDbContextFactory().CreateDbContext([]),
        DatabaseProvider.SqlServer => new SqlServerMessagingDbContextFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null)
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddEntityFrameworkCoreLayer(configuration)
            .BuildServiceProvider(validateScopes: true);
    }
}
