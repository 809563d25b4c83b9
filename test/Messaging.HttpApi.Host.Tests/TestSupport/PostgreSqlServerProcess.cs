using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Messaging.TestSupport;

/// <summary>
/// A PostgreSQL server of the test's own (Debian's binaries, run as the postgres user), so a test can stop the
/// database under a running host and start it again without disturbing the shared server other tests use.
/// </summary>
public sealed class PostgreSqlServerProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PostgreSqlServerProcess(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=messaging;Username=postgres;Password=postgres;Pooling=true";

    public static async Task<PostgreSqlServerProcess> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin"))
            .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed; run etc/scripts/servers-start.sh (or etc/scripts/test.sh).");
        var folder = Directory.CreateTempSubdirectory("messaging-pg-").FullName;
        await RunAsync("chown", "postgres:postgres", folder);
        var server = new PostgreSqlServerProcess(folder, bin, FreePort());
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, "postgres");
        await RunAsync("chown", "postgres:postgres", passwordFile);
        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", server.Data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}");
        await server.RestartAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString.Replace("Database=messaging", "Database=postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE messaging", connection);
            await create.ExecuteNonQueryAsync();
        }

        return server;
    }

    private string Data => Path.Combine(_folder, "data");

    public Task RestartAsync() => RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder}", "start");

    /// <summary>Stops at once, as a crash or a lost network would: connections break, new ones are refused.</summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
