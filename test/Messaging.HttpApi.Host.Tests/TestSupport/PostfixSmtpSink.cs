using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Messaging.TestSupport;

/// <summary>
/// Postfix's smtp-sink on a free loopback port: a real MTA's SMTP server (Debian's postfix package, which
/// etc/scripts/servers-start.sh installs) that keeps every mail it accepts as a file, or refuses the commands it is told to.
/// </summary>
public sealed class PostfixSmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PostfixSmtpSink(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    /// <summary>Every mail accepted so far, as received (smtp-sink's envelope lines first).</summary>
    public IReadOnlyList<string> Mails => Directory.GetFiles(_folder).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    /// <summary>Starts a sink; <paramref name="hardRejected"/> names SMTP commands it answers with a permanent (5xx) error.</summary>
    public static async Task<PostfixSmtpSink> StartAsync(params string[] hardRejected)
    {
        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Started as root, smtp-sink drops to an unprivileged user after binding and writes the mails as that user.
            File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);
        }
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/smtp-sink") ? "/usr/sbin/smtp-sink" : "smtp-sink")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        if (hardRejected.Length > 0)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(string.Join(',', hardRejected));
        }

        foreach (var argument in new[] { "-d", Path.Combine(folder, "%Y%m%d%H%M%S."), $"127.0.0.1:{port}", "100" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException("Postfix's smtp-sink is not installed; run etc/scripts/servers-start.sh (or etc/scripts/test.sh).", missing);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new PostfixSmtpSink(process, folder, port);
        await Eventually.TrueAsync(() => Task.FromResult(sink.Accepts()), TimeSpan.FromSeconds(10), $"smtp-sink listens on {port}");
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private bool Accepts()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"smtp-sink exited with {_process.ExitCode}.");
        }

        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
