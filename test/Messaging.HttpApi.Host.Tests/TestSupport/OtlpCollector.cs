using System.Net;
using Google.Protobuf;

namespace Messaging.TestSupport;

/// <summary>
/// A collector for the host's OTLP/HTTP exporter: a loopback server answering 200 to every export, whose requests are
/// read as opentelemetry-proto's <c>ExportTraceServiceRequest</c> by field number (trace.proto, common.proto).
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server = new(HttpStatusCode.OK);

    /// <summary>The address for <c>OpenTelemetry:Endpoint</c>; the exporter posts to its <c>/v1/traces</c>.</summary>
    public Uri Endpoint => _server.Url("");

    public Dictionary<string, string> HostSettings() => new()
    {
        ["OpenTelemetry__Endpoint"] = Endpoint.ToString(),
        // Export every 100 ms rather than every 5 s, so the test waits for spans, not for the exporter's timer.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100"
    };

    public IReadOnlyList<OtlpSpan> Spans =>
        _server.Received.Where(request => request.Path == "/v1/traces").SelectMany(request => Read(request.Body)).ToList();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static IEnumerable<OtlpSpan> Read(byte[] exportRequest)
    {
        foreach (var resourceSpans in Messages(Fields(ByteString.CopyFrom(exportRequest)), 1))
        {
            foreach (var scopeSpans in Messages(Fields(resourceSpans), 2))
            {
                var scopeFields = Fields(scopeSpans);
                var scope = Messages(scopeFields, 1).Select(s => Text(Fields(s), 1)).FirstOrDefault() ?? "";
                foreach (var span in Messages(scopeFields, 2))
                {
                    yield return ReadSpan(scope, Fields(span));
                }
            }
        }
    }

    private static OtlpSpan ReadSpan(string scope, List<Field> span) => new(
        scope,
        Hex(span, 1),
        Hex(span, 2),
        Hex(span, 4),
        Text(span, 5) ?? "",
        (OtlpSpanKind)(span.FirstOrDefault(f => f.Number == 6)?.Value ?? 0),
        Messages(span, 9).Select(Fields).ToDictionary(kv => Text(kv, 1) ?? "", kv => Messages(kv, 2).Select(v => Value(Fields(v))).FirstOrDefault()),
        Messages(span, 13).Select(link => Hex(Fields(link), 2)).ToList(),
        Messages(span, 11).Select(e => Text(Fields(e), 2) ?? "").ToList());

    /// <summary>An AnyValue as text: string, bool, int or double.</summary>
    private static string? Value(List<Field> value)
    {
        var field = value.FirstOrDefault();
        return field?.Number switch
        {
            1 => field.Bytes!.ToStringUtf8(),
            2 => (field.Value != 0).ToString().ToLowerInvariant(),
            3 => ((long)field.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            4 => BitConverter.UInt64BitsToDouble(field.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null
        };
    }

    private static IEnumerable<ByteString> Messages(List<Field> fields, int number) =>
        fields.Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    private static string? Text(List<Field> fields, int number) => Messages(fields, number).Select(b => b.ToStringUtf8()).FirstOrDefault();

    private static string Hex(List<Field> fields, int number) =>
        Messages(fields, number).Select(b => Convert.ToHexStringLower(b.ToByteArray())).FirstOrDefault() ?? "";

    private static List<Field> Fields(ByteString message)
    {
        var fields = new List<Field>();
        var input = message.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    fields.Add(new Field(number, input.ReadBytes(), 0));
                    break;
                case WireFormat.WireType.Varint:
                    fields.Add(new Field(number, null, input.ReadUInt64()));
                    break;
                case WireFormat.WireType.Fixed64:
                    fields.Add(new Field(number, null, input.ReadFixed64()));
                    break;
                case WireFormat.WireType.Fixed32:
                    fields.Add(new Field(number, null, input.ReadFixed32()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }

    private sealed record Field(int Number, ByteString? Bytes, ulong Value);
}

public enum OtlpSpanKind
{
    Unspecified,
    Internal,
    Server,
    Client,
    Producer,
    Consumer
}

/// <summary>One exported span; ids are lower-case hex, an absent parent is empty.</summary>
public sealed record OtlpSpan(
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    OtlpSpanKind Kind,
    IReadOnlyDictionary<string, string?> Attributes,
    IReadOnlyList<string> LinkedSpanIds,
    IReadOnlyList<string> Events)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}
