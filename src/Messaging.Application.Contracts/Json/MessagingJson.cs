using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Json;

/// <summary>The wire format of the API, shared by the host and the typed client so both read and write the same.</summary>
public static class MessagingJson
{
    /// <summary>Numbers as numbers, enums by name only, and only safe text in strings and free-form documents.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new SafeTextConverter());
        options.Converters.Add(new SafeJsonObjectConverter());
        return options;
    }
}
