using System.Globalization;
using System.Text.Json;
using Messaging.ExceptionHandling;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>Reading receipt bodies field by field, with errors that name the field as the JSON has it.</summary>
internal static class ReceiptJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            throw Invalid("body", "The body is not valid JSON.");
        }
    }

    public static JsonElement RequireObject(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Invalid(path, $"'{path}' must be a JSON object.");

    public static string RequireString(JsonElement parent, string name, string path, int maxLength) =>
        OptionalString(parent, name, path, maxLength) is { Length: > 0 } value ? value : throw Invalid(path, $"'{path}' is required.");

    public static string? OptionalString(JsonElement parent, string name, string path, int maxLength)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => ReadText(value, path),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Invalid(path, $"'{path}' must be a string.")
        };
        return text.Length <= maxLength ? text : throw Invalid(path, $"'{path}' must be at most {maxLength} characters.");
    }

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON but no text: reading it throws, so it is bad input.</summary>
    private static string ReadText(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(path, $"'{path}' is not valid text: it contains an unpaired surrogate escape.");
        }
    }

    public static IEnumerable<(JsonElement Item, int Index)> OptionalArray(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select((item, index) => (item, index))
            : throw Invalid(path, $"'{path}' must be an array.");
    }

    public static DateTimeOffset? UnixSeconds(string? value, string path) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw Invalid(path, $"'{path}' must be a Unix time in seconds.");

    public static DateTimeOffset? Iso8601(string? value, string path) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw Invalid(path, $"'{path}' must be an ISO 8601 date and time.");

    public static string? Truncate(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length > maxLength ? value[..maxLength] : value;

    public static InputValidationException Invalid(string field, string problem) =>
        new(new Dictionary<string, string[]> { [field] = [problem] });
}
