using System.Text.Json;
using System.Text.Json.Serialization;

namespace Messaging.Json;

/// <summary>The wire format of the API, shared by the host and the typed client so both read and write the same.</summary>
public static class MessagingJson
{
    /// <summary>Numbers as numbers and enums by name only, in both directions.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictEnumConverterFactory());
        return options;
    }

    /// <summary>
    /// What the host reads: only safe text in strings, dictionary keys and free-form documents. Clients leave it out,
    /// so they can read whatever an answer holds.
    /// </summary>
    public static JsonSerializerOptions RefuseUnsafeText(JsonSerializerOptions options)
    {
        options.Converters.Add(new SafeTextConverter());
        options.Converters.Add(new SafeJsonObjectConverter());
        return options;
    }
}
