using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Json;

/// <summary>Reads strings (values and dictionary keys) only when they are <see cref="SafeText"/>.</summary>
public sealed class SafeTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? ReadText(ref reader) : throw new JsonException("The value must be a string.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadText(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    /// <summary>The current string token or property name, refused unless it is safe text.</summary>
    public static string ReadText(ref Utf8JsonReader reader)
    {
        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Escapes that decode to unpaired surrogates, or bytes that are not UTF-8.
            throw new JsonException(SafeText.Requirement);
        }

        return text is not null && SafeText.IsSafe(text) ? text : throw new JsonException(SafeText.Requirement);
    }
}
