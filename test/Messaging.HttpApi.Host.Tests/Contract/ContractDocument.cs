using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Messaging.Contract;

/// <summary>The host's OpenAPI document, read as the contract: its operations, and their schemas as JSON Schema validators.</summary>
public sealed class ContractDocument(JsonObject document)
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
        FormatRegistry = DurationAsTimeSpan()
    };

    public JsonObject Root { get; } = document;

    public static async Task<ContractDocument> LoadAsync(HttpClient anonymous)
    {
        var text = await anonymous.GetStringAsync("openapi/v1.json");
        return new ContractDocument(JsonNode.Parse(text)!.AsObject());
    }

    public IReadOnlyList<Operation> Operations =>
        Root["paths"]!.AsObject()
            .SelectMany(path => Methods
                .Where(method => path.Value![method] is not null)
                .Select(method => new Operation(method.ToUpperInvariant(), path.Key, path.Value![method]!.AsObject())))
            .ToList();

    /// <summary>Follows a component reference, and the <c>oneOf: [null, $ref]</c> of a nullable member, to the schema that describes the value.</summary>
    public JsonObject Resolve(JsonNode schema)
    {
        var current = schema.AsObject();
        while (true)
        {
            if (current["$ref"] is { } reference)
            {
                current = Root["components"]!["schemas"]![reference.GetValue<string>()[ComponentsPrefix.Length..]]!.AsObject();
            }
            else if (current["oneOf"] is JsonArray oneOf && oneOf.Count(option => !IsNull(option!)) == 1)
            {
                current = oneOf.Single(option => !IsNull(option!))!.AsObject();
            }
            else
            {
                return current;
            }
        }
    }

    /// <summary>Validates a JSON value against a schema of the document, its component references resolved within the document.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, JsonElement instance)
    {
        var standalone = schema.DeepClone().AsObject();
        standalone["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        standalone["$defs"] = Root["components"]!["schemas"]!.DeepClone();
        var text = standalone.ToJsonString().Replace("\"" + ComponentsPrefix, "\"#/$defs/", StringComparison.Ordinal);
        var validator = JsonSchema.FromText(text, baseUri: new Uri($"https://contract.messaging.invalid/{Guid.NewGuid():N}"));
        var results = validator.Evaluate(instance, Evaluation);
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Key} {error.Value}"))
                .DefaultIfEmpty("invalid")
                .ToList();
    }

    public static bool IsNull(JsonNode schema) => schema["type"] is JsonValue type && type.GetValue<string>() == "null";

    /// <summary>The document's durations are .NET TimeSpans (00:01:00), as the pattern beside the format says.</summary>
    private static FormatRegistry DurationAsTimeSpan()
    {
        var formats = new FormatRegistry();
        formats.Register(new RegexFormat("duration", @"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$"));
        return formats;
    }
}

/// <param name="Template">The path as the document has it, e.g. /api/app/message/{trackingId}/status.</param>
public sealed record Operation(string Method, string Template, JsonObject Definition)
{
    public string Key => $"{Method} {Template}";

    public IEnumerable<JsonObject> Parameters => (Definition["parameters"] as JsonArray ?? []).Select(parameter => parameter!.AsObject());

    public JsonNode? RequestBodySchema => Definition["requestBody"]?["content"]?["application/json"]?["schema"];

    public JsonObject? Response(int status) => Definition["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();

    public override string ToString() => Key;
}
