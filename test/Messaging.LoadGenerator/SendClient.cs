using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Messaging.LoadGenerator;

/// <summary>
/// One HttpClient over a SocketsHttpHandler sized for the run, and the pre-serialised message bodies.
/// Connects are throttled so that opening thousands of connections does not overflow the server's accept backlog.
/// </summary>
public sealed class SendClient : IDisposable
{
    public const string SendPath = "api/app/message/send-one-way-message";
    public const string SendManyPath = "api/app/message/send-many";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly SocketsHttpHandler _handler;
    private readonly SemaphoreSlim _connectGate;
    private readonly byte[][] _bodies;
    private readonly Uri _sendUri;
    private readonly string _apiKey;
    private readonly byte[]? _webhookKey;
    private readonly string _runId = "bench-" + Guid.NewGuid().ToString("N")[..12];
    private long _connectionsOpened;
    private long _connectsInProgress;
    private TaskCompletionSource _connectsAllowed = CompletedGate();

    public SendClient(LoadOptions options, int maxConnections)
    {
        _connectGate = new SemaphoreSlim(options.ConnectParallelism);
        _handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            // Held connections stay open for the whole run, even the ones the load rarely touches.
            PooledConnectionIdleTimeout = TimeSpan.FromHours(1),
            PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync
        };
        Client = new HttpClient(_handler, disposeHandler: false)
        {
            BaseAddress = options.Url,
            Timeout = options.Timeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact
        };
        _sendUri = new Uri(options.Url, options.WebhookWorker is { } worker ? $"api/app/email-webhook/{worker}" : options.Batch > 1 ? SendManyPath : SendPath);
        _apiKey = options.ApiKey;
        _webhookKey = options.WebhookSecret is { } secret ? Convert.FromBase64String(secret["whsec_".Length..]) : null;
        _bodies = options.WebhookWorker is not null ? BuildEmails(options.BodyVariants)
            : options.Batch > 1 ? BuildBatches(options.BodyVariants, options.Batch) : BuildBodies(options.BodyVariants);
    }

    public HttpClient Client { get; }

    /// <summary>TCP connections this client opened so far.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Connects started and not yet finished, including those still held or queued at the gate.</summary>
    public long ConnectsInProgress => Interlocked.Read(ref _connectsInProgress);

    /// <summary>
    /// Holds every connect until <see cref="ReleaseConnects"/>. The pool starts a connect only for a request that
    /// finds no free connection, so requests issued while early connections already answer would reuse them;
    /// holding the connects until all N requests are queued makes the pool start N of them.
    /// </summary>
    public void HoldConnects() => _connectsAllowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseConnects() => _connectsAllowed.TrySetResult();

    public HttpRequestMessage NewSend(long sequence)
    {
        var body = _bodies[sequence % _bodies.Length];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, _sendUri) { Content = content };
        if (_webhookKey is null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", _apiKey);
            return request;
        }

        var webhookId = $"{_runId}-{sequence}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", Messaging.Security.WebhookSignature.SignStandard(_webhookKey, webhookId, timestamp, body));
        return request;
    }

    public void Dispose()
    {
        Client.Dispose();
        _handler.Dispose();
        _connectGate.Dispose();
    }

    /// <summary>Valid SMS sends that differ a little in recipient and content; no idempotency key.</summary>
    private static byte[][] BuildBodies(int count)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            bodies[i] = Encoding.UTF8.GetBytes(MessageJson(i));
        }

        return bodies;
    }

    /// <summary>
    /// Send-many bodies of <paramref name="size"/> messages each, the same messages as single sends; fewer variants, since
    /// each holds many messages and the bodies are kept in memory for the whole run.
    /// </summary>
    private static byte[][] BuildBatches(int variants, int size)
    {
        var bodies = new byte[Math.Min(variants, 16)][];
        for (var b = 0; b < bodies.Length; b++)
        {
            var messages = Enumerable.Range(b * size, size).Select(MessageJson);
            bodies[b] = Encoding.UTF8.GetBytes($$"""{"messages":[{{string.Join(',', messages)}}]}""");
        }

        return bodies;
    }

    /// <summary>Inbound emails from a few hundred senders with a few hundred subjects, as a mail flow repeats them.</summary>
    private static byte[][] BuildEmails(int count)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            bodies[i] = Encoding.UTF8.GetBytes(
                $$$"""{"from":"sender{{{i % 300}}}@example{{{i % 7}}}.com","to":"inbox@tenant.example","subject":"Offer number {{{(i * 31) % 400}}}","headers":{"X-Campaign":"c{{{i % 50}}}"}}""");
        }

        return bodies;
    }

    private static string MessageJson(int i) =>
        $$"""{"recipient":"+1415555{{i % 10_000:D4}}","channel":"Sms","content":"Load test message {{i}}: your code is {{(i * 7919) % 1_000_000:D6}}","priority":"Normal"}""";

    /// <summary>
    /// Deliberately ignores the pool's cancellation: the pool cancels a connect once another connection served
    /// the request that started it, which would keep it from ever holding N connections. ConnectTimeout bounds it.
    /// </summary>
    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectsInProgress);
        try
        {
            await _connectsAllowed.Task;
            await _connectGate.WaitAsync(CancellationToken.None);
        }
        catch
        {
            Interlocked.Decrement(ref _connectsInProgress);
            throw;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, CancellationToken.None);
            Interlocked.Increment(ref _connectionsOpened);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            _connectGate.Release();
            Interlocked.Decrement(ref _connectsInProgress);
        }
    }
}
