using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Messaging.TestSupport;

/// <summary>
/// The real host, started as its own process on a loopback port with a SQLite file of the test's (or, without one,
/// the database its settings name). Tests stop it gracefully (SIGTERM) or kill it (SIGKILL) like an orchestrator would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string HostAdminKey = "test-host-admin-key-0123456789-QWERTYzx";
    public const string DemoTenantKey = "test-demo-tenant-key-0123456789-ASDFGHjk";
    public const string DemoAdminPassword = "Test-demo-admin-password-4821";
    public const string CronSecret = "test-cron-secret-0123456789-ZXCVBNmq";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress, string? databaseFile)
    {
        _process = process;
        BaseAddress = baseAddress;
        DatabaseFile = databaseFile;
    }

    public Uri BaseAddress { get; }

    public string? DatabaseFile { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="waitUntilReady">
    /// False for a host that is expected to start unready (shedding load, say): then it is waited for until it is live.
    /// </param>
    public static async Task<HostProcess> StartAsync(string? databaseFile, IDictionary<string, string>? settings = null, bool waitUntilReady = true)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SolutionPaths.HostDll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(SolutionPaths.HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        // The test script exports the shared servers' settings; a host uses them only when its test asks.
        foreach (var inherited in start.Environment.Keys.Where(IsSharedServerSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        if (databaseFile is not null)
        {
            start.Environment["ConnectionStrings__Default"] = $"Data Source={databaseFile}";
        }

        start.Environment["Seed__HostAdminApiKey"] = HostAdminKey;
        start.Environment["Seed__DemoTenantApiKey"] = DemoTenantKey;
        // Tests use the demo tenant on every database; a test can set this to "" to see the production default.
        start.Environment["Seed__DemoTenant"] = "true";
        // Tests on a database server have no certificate for the key ring; a test can set this to "" to see the refusal.
        start.Environment["DataProtection__AllowUnprotectedKeyRingInDatabase"] = "true";
        // Nor for the sign-in server's tokens: development keys, as on the embedded default.
        start.Environment["Identity__Server__UseDevelopmentCertificates"] = "true";
        start.Environment["Seed__DemoTenantAdminPassword"] = DemoAdminPassword;
        start.Environment["Cron__Secret"] = CronSecret;
        start.Environment["Identity__Server__AdminClientRedirectUris__0"] = SignInFlow.RedirectUri;
        start.Environment["DOTNET_gcServer"] = "0";

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"), databaseFile);
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilAsync(waitUntilReady ? "health/ready" : "health/live", TimeSpan.FromSeconds(60));
        return host;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Asks the host to shut down as an orchestrator does (SIGTERM), without waiting.</summary>
    public void Terminate() => Signal(15);

    /// <summary>Kills the host without warning (SIGKILL), as a crash or an OOM killer would.</summary>
    public void Kill() => Signal(9);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && SendSignal(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private async Task WaitUntilAsync(string healthPath, TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Exit comes before the last lines it wrote are read: wait for the streams' end, so the reason is in the message.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(healthPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host was not ready within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static bool IsSharedServerSetting(string name) =>
        name.StartsWith("Redis__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("RabbitMQ__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
