using System.Net;
using System.Text;

namespace Messaging.TestSupport;

/// <summary>A subscriber of a host's Server-Sent Events, reading the stream in the background as a client would.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly StringBuilder _received = new();
    private readonly Task _reading;

    private EventStream(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
        _reading = ReadAsync();
    }

    public string Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToString();
            }
        }
    }

    /// <summary>True once the host ended the stream.</summary>
    public bool Ended => _reading.IsCompleted;

    /// <summary>Opens the stream and waits for its first frame; fails with the problem when the host refuses it.</summary>
    public static async Task<EventStream> OpenAsync(HostProcess host, string path, string? apiKey, long? lastEventId = null)
    {
        var client = host.Client(apiKey);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var problem = await response.Content.ReadAsStringAsync();
            response.Dispose();
            client.Dispose();
            throw new HttpRequestException($"{(int)response.StatusCode} {problem}", null, response.StatusCode);
        }

        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/event-stream");
        var stream = new EventStream(client, response);
        await stream.WaitForAsync(": connected", TimeSpan.FromSeconds(30));
        return stream;
    }

    public Task WaitForAsync(string text, TimeSpan timeout) =>
        Eventually.TrueAsync(() => Task.FromResult(Received.Contains(text, StringComparison.Ordinal)), timeout, $"the stream carries \"{text}\"");

    /// <summary>The ids of the events received, in order.</summary>
    public List<long> Ids() => Received.Split('\n').Where(line => line.StartsWith("id: ", StringComparison.Ordinal))
        .Select(line => long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        _client.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception)
        {
            // The stream was cut by its disposal.
        }
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync());
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_received)
            {
                _received.Append(buffer, 0, read);
            }
        }
    }
}
