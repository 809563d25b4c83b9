using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>One request to the host, described so a test can change one part of it (a body member, a route or query value).</summary>
public sealed record ApiCall(HttpMethod Method, string Path, string? ApiKey = null, JsonNode? Body = null)
{
    /// <summary>Stands for an unpaired surrogate in <see cref="Body"/>: a JSON writer cannot write one, so it is put in the text.</summary>
    public const string UnpairedSurrogate = "\u0001unpaired-surrogate\u0001";

    /// <summary>The exact bytes to send instead of <see cref="Body"/> (a signed receipt).</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>The content type of <see cref="RawBody"/>.</summary>
    public string RawContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public ApiCall WithoutKey() => this with { ApiKey = null };

    public async Task<ApiAnswer> SendAsync(HostProcess host)
    {
        using var client = host.Client(ApiKey);
        using var request = new HttpRequestMessage(Method, Path);
        if (RawBody is not null)
        {
            request.Content = new ByteArrayContent(RawBody);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(RawContentType);
        }
        else if (Body is not null)
        {
            var json = Body.ToJsonString().Replace(JsonSerializer.Serialize(UnpairedSurrogate), "\"\\ud800\"", StringComparison.Ordinal);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new ApiAnswer(response.StatusCode, mediaType, mediaType == EventStream ? await FirstFrameAsync(response) : await response.Content.ReadAsStringAsync());
    }

    private const string EventStream = "text/event-stream";

    /// <summary>An event stream does not end: its answer is its first frame (the comment the hub writes on connecting).</summary>
    private static async Task<string> FirstFrameAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var frame = new StringBuilder();
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            frame.Append(line).Append('\n');
        }

        return frame.ToString();
    }

    public override string ToString() => $"{Method} {Path}";
}

public sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public override string ToString() => $"{(int)Status} {MediaType} {Body}";
}
