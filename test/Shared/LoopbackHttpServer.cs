using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Messaging.TestSupport;

/// <summary>
/// A real HTTP server on a loopback port (HttpListener), answering with the status codes it is given in turn (the
/// last one repeats) and recording every request it received, headers and body.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers;
    private readonly HttpStatusCode _lastAnswer;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Task _serving;
    private int _count;

    public LoopbackHttpServer(params HttpStatusCode[] answers)
    {
        _answers = new ConcurrentQueue<HttpStatusCode>(answers.Length == 0 ? [HttpStatusCode.OK] : answers);
        _lastAnswer = answers.Length == 0 ? HttpStatusCode.OK : answers[^1];
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url(string path = "callback") => new($"http://127.0.0.1:{Port}/{path}");

    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    /// <summary>Where a response to a request sends the client, when the answer is a redirect.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>The JSON body of every answer, made from the request's position (0 for the first request); none when unset.</summary>
    public Func<int, string>? JsonBody { get; init; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(key => key is not null)
                .ToDictionary(key => key!, key => context.Request.Headers[key]!, StringComparer.OrdinalIgnoreCase);
            var position = Interlocked.Increment(ref _count) - 1;
            _received.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray()));
            var status = _answers.TryDequeue(out var next) ? next : _lastAnswer;
            context.Response.StatusCode = (int)status;
            if (RedirectTo is not null)
            {
                context.Response.RedirectLocation = RedirectTo;
            }

            if (JsonBody is not null)
            {
                var json = System.Text.Encoding.UTF8.GetBytes(JsonBody(position));
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(json);
            }

            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
