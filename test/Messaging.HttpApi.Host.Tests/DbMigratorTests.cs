using System.Diagnostics;
using Messaging.TestSupport;

namespace Messaging;

public class DbMigratorTests
{
    [Fact]
    public async Task Migrator_CreatesTheSchemaAndSeeds_SoAHostWithoutMigrationCanServe()
    {
        using var database = new TestDatabase();

        var (exitCode, output) = await RunMigratorAsync(database.ConnectionString);
        var (secondExitCode, _) = await RunMigratorAsync(database.ConnectionString);
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Database__MigrateOnStart"] = "false"
        });
        using var tenant = host.Client(HostProcess.DemoTenantKey);

        exitCode.ShouldBe(0, output);
        secondExitCode.ShouldBe(0);
        output.ShouldContain("Database migrated and seeded.");
        output.ShouldNotContain(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms());
    }

    private static async Task<(int ExitCode, string Output)> RunMigratorAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SolutionPaths.DbMigratorDll },
            WorkingDirectory = Path.GetDirectoryName(SolutionPaths.DbMigratorDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Seed__HostAdminApiKey"] = HostProcess.HostAdminKey;
        start.Environment["Seed__DemoTenantApiKey"] = HostProcess.DemoTenantKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await output + await errors);
    }
}
