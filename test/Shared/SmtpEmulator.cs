using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Messaging.TestSupport;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free local port that accepts each message, or answers the reply
/// the test chose (<see cref="AnswerWith"/>), or never answers (<see cref="Stall"/>), and keeps what it accepted. Stopping it leaves the port refusing
/// connections, as a server that went away.
/// </summary>
public sealed class SmtpEmulator : IAsyncDisposable
{
    private readonly RecordingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpEmulator(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Port(port).Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AuthenticationRequired(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
    }

    private int _sessions;

    public int Port { get; }

    /// <summary>SMTP connections clients have opened to this server.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>The raw messages accepted, in order.</summary>
    public IReadOnlyList<byte[]> Accepted => _store.Accepted.ToArray();

    /// <summary>Messages offered, accepted or not.</summary>
    public int Offered => _store.Offered;

    public static SmtpEmulator Start() => new(FreePort());

    /// <summary>A server on a given port, such as the port of one stopped before: clients' connections to that one are gone.</summary>
    public static SmtpEmulator Start(int port) => new(port);

    /// <summary>Answers every following message with <paramref name="replyCode"/> and <paramref name="text"/> (such as <c>5.1.1 No such user</c>).</summary>
    public void AnswerWith(int replyCode, string text) => _store.Answer = new SmtpResponse((SmtpReplyCode)replyCode, text);

    public void Accept()
    {
        _store.Answer = null;
        _store.Stalls = false;
    }

    /// <summary>Takes every following message and never answers it, as a server that hangs after DATA.</summary>
    public void Stall() => _store.Stalls = true;

    /// <summary>Takes this long over each mail before answering, like a server that is busy but healthy.</summary>
    public void TakeForEach(TimeSpan time) => _store.TimePerMail = time;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingStore : MessageStore
    {
        private int _offered;

        public volatile SmtpResponse? Answer;

        public volatile bool Stalls;

        public TimeSpan TimePerMail;

        public ConcurrentQueue<byte[]> Accepted { get; } = new();

        public int Offered => Volatile.Read(ref _offered);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _offered);
            if (Stalls)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await Task.Delay(TimePerMail, cancellationToken);
            if (Answer is { } answer)
            {
                return answer;
            }

            Accepted.Enqueue(buffer.ToArray());
            return SmtpResponse.Ok;
        }
    }
}
