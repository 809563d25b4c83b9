using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Json;

/// <summary>Reads and writes every enum by name only; see <see cref="EnumNames"/>.</summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(value => value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<TEnum, JsonEncodedText> Names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => JsonEncodedText.Encode(value.ToString()));

    private static readonly string Requirement = EnumNames.Requirement(typeof(TEnum));

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? ReadName(ref reader) : throw new JsonException(Requirement);

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(NameOf(value));

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadName(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(NameOf(value));

    private static TEnum ReadName(ref Utf8JsonReader reader)
    {
        string? name;
        try
        {
            name = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            name = null;
        }

        return name is not null && ByName.TryGetValue(name, out var value) ? value : throw new JsonException(Requirement);
    }

    private static JsonEncodedText NameOf(TEnum value) =>
        Names.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{typeof(TEnum).Name} has no name for {value}; only defined values are written.");
}
