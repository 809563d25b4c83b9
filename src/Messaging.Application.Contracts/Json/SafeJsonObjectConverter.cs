using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Messaging.Json;

/// <summary>
/// Reads free-form JSON objects (documents such as the runtime settings) only when every name and string in them, at
/// any depth, is <see cref="SafeText"/>.
/// </summary>
public sealed class SafeJsonObjectConverter : JsonConverter<JsonObject>
{
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The value must be a JSON object.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        EnsureSafe(document.RootElement);
        return JsonObject.Create(document.RootElement.Clone())!;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static void EnsureSafe(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    EnsureSafe(() => property.Name);
                    EnsureSafe(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureSafe(item);
                }

                break;
            case JsonValueKind.String:
                EnsureSafe(element.GetString);
                break;
        }
    }

    private static void EnsureSafe(Func<string?> read)
    {
        string? text;
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(SafeText.Requirement);
        }

        if (text is not null && !SafeText.IsSafe(text))
        {
            throw new JsonException(SafeText.Requirement);
        }
    }
}
