using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Messaging.Settings;

/// <summary>
/// An options class as a JSON document, whatever sections it has: the runtime document leaves out settings marked
/// <see cref="RestartRequiredAttribute"/>. Reading is strict, so a typo or a forgotten setting is reported instead of
/// silently becoming a default.
/// </summary>
public sealed class OptionsDocument<TOptions>(string sectionName)
    where TOptions : class, new()
{
    /// <summary>Every setting; used to carry the start-only settings over from configuration.</summary>
    private static readonly JsonSerializerOptions Full = CreateOptions(runtimeOnly: false);

    /// <summary>What the settings API shows, accepts and stores.</summary>
    private static readonly JsonSerializerOptions Runtime = CreateOptions(runtimeOnly: true);

    public string SectionName => sectionName;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public JsonObject ToJson(TOptions options) => JsonSerializer.SerializeToNode(options, Runtime)!.AsObject();

    public string ToJsonString(TOptions options) => JsonSerializer.Serialize(options, Runtime);

    /// <summary>
    /// Reads a runtime document, with the start-only settings taken from <paramref name="startup"/>. Returns null and
    /// fills <paramref name="errors"/> (keyed by configuration path) with every problem when the document is not
    /// complete and well-formed; whether the values make sense is for the options validators.
    /// </summary>
    public TOptions? TryRead(JsonObject document, TOptions startup, IDictionary<string, List<string>> errors)
    {
        CheckShape(document, Runtime.GetTypeInfo(typeof(TOptions)), Full.GetTypeInfo(typeof(TOptions)), sectionName, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var merged = document.DeepClone().AsObject();
        CarryOverRestartRequired(JsonSerializer.SerializeToNode(startup, Full)!.AsObject(), merged, Full.GetTypeInfo(typeof(TOptions)));
        return merged.Deserialize<TOptions>(Full)!;
    }

    /// <summary>
    /// Replaces every setting of <paramref name="target"/> with <paramref name="source"/>'s, so nothing of the old
    /// values survives: settable properties are assigned; get-only sections are overwritten in place, get-only
    /// lists and dictionaries emptied and refilled.
    /// </summary>
    public static void CopyInto(TOptions source, TOptions target) => Overwrite(source, target);

    private static void Overwrite(object source, object target)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(source);
            if (property.CanWrite)
            {
                property.SetValue(target, value);
                continue;
            }

            switch (property.GetValue(target), value)
            {
                case (IDictionary existing, IDictionary entries):
                    existing.Clear();
                    foreach (DictionaryEntry entry in entries)
                    {
                        existing[entry.Key] = entry.Value;
                    }

                    break;
                case (IList existing, IEnumerable items):
                    existing.Clear();
                    foreach (var item in items)
                    {
                        existing.Add(item);
                    }

                    break;
                case ({ } existing, { } section) when !property.PropertyType.IsValueType && property.PropertyType != typeof(string):
                    Overwrite(section, existing);
                    break;
            }
        }
    }

    private static JsonSerializerOptions CreateOptions(bool runtimeOnly)
    {
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { ReadGetOnlySections } };
        if (runtimeOnly)
        {
            resolver.Modifiers.Add(RemoveRestartRequired);
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = resolver,
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            Converters = { new JsonStringEnumConverter() }
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A section or collection without a setter (the configuration binder fills those too) is read into the existing instance.</summary>
    private static void ReadGetOnlySections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property is { Get: not null, Set: null } && !property.PropertyType.IsValueType && property.PropertyType != typeof(string))
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }

    private static void RemoveRestartRequired(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (IsRestartRequired(typeInfo.Properties[i]))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }

    private static bool IsRestartRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RestartRequiredAttribute), inherit: true) == true;

    /// <summary>Walks the document along the options' shape, collecting every unknown, missing, null or malformed setting.</summary>
    private static void CheckShape(JsonNode? node, JsonTypeInfo runtimeInfo, JsonTypeInfo fullInfo, string path, IDictionary<string, List<string>> errors)
    {
        switch (runtimeInfo.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject section:
                CheckSection(section, runtimeInfo, fullInfo, path, errors);
                break;
            case JsonTypeInfoKind.Object:
                Add(errors, path, $"{path} must be a JSON object.");
                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject entries:
                foreach (var (key, value) in entries)
                {
                    CheckElement(value, runtimeInfo.ElementType!, $"{path}:{key}", errors);
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    CheckElement(items[i], runtimeInfo.ElementType!, $"{path}:{i}", errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                Add(errors, path, $"{path} must be a JSON object.");
                break;
            case JsonTypeInfoKind.Enumerable:
                Add(errors, path, $"{path} must be a JSON array.");
                break;
            default:
                CheckValue(node, runtimeInfo.Type, path, errors);
                break;
        }
    }

    /// <summary>An entry of a list or dictionary; null only where the element type says so, since annotations do not reach elements.</summary>
    private static void CheckElement(JsonNode? element, Type elementType, string path, IDictionary<string, List<string>> errors)
    {
        if (element is null && Nullable.GetUnderlyingType(elementType) is null)
        {
            Add(errors, path, $"{path} must not be null.");
            return;
        }

        CheckShape(element, Runtime.GetTypeInfo(elementType), Full.GetTypeInfo(elementType), path, errors);
    }

    private static void CheckSection(JsonObject section, JsonTypeInfo runtimeInfo, JsonTypeInfo fullInfo, string path, IDictionary<string, List<string>> errors)
    {
        var given = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in section)
        {
            if (!given.TryAdd(name, value))
            {
                Add(errors, $"{path}:{name}", $"{path}:{name} is given more than once.");
                continue;
            }

            if (runtimeInfo.Properties.Any(property => Matches(property, name)))
            {
                continue;
            }

            if (fullInfo.Properties.FirstOrDefault(property => Matches(property, name)) is { } startOnly)
            {
                var startOnlyPath = $"{path}:{ClrName(startOnly)}";
                Add(errors, startOnlyPath, $"{startOnlyPath} is read at start only; change it in configuration and restart.");
            }
            else
            {
                Add(errors, $"{path}:{name}", $"{path}:{name} is not a setting.");
            }
        }

        foreach (var property in runtimeInfo.Properties)
        {
            var settingPath = $"{path}:{ClrName(property)}";
            if (!given.TryGetValue(property.Name, out var value))
            {
                Add(errors, settingPath, $"{settingPath} is missing; send every setting (GET them, change what you need, PUT them back).");
            }
            else if (value is null)
            {
                if (!property.IsSetNullable)
                {
                    Add(errors, settingPath, $"{settingPath} must not be null.");
                }
            }
            else
            {
                var fullProperty = fullInfo.Properties.First(candidate => candidate.Name == property.Name);
                CheckShape(value, Runtime.GetTypeInfo(property.PropertyType), Full.GetTypeInfo(fullProperty.PropertyType), settingPath, errors);
            }
        }
    }

    private static void CheckValue(JsonNode? node, Type type, string path, IDictionary<string, List<string>> errors)
    {
        try
        {
            node.Deserialize(type, Runtime);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            var expected = Nullable.GetUnderlyingType(type) ?? type;
            Add(errors, path, expected.IsEnum
                ? $"{path} must be one of: {string.Join(", ", Enum.GetNames(expected))}."
                : $"{path} must be {Describe(expected)}.");
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a duration such as 00:00:01.5",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number",
        _ => $"a {type.Name} value"
    };

    /// <summary>Copies the start-only settings (at any depth) from the configured document into the runtime one.</summary>
    private static void CarryOverRestartRequired(JsonObject configured, JsonObject target, JsonTypeInfo fullInfo)
    {
        foreach (var property in fullInfo.Properties)
        {
            if (!configured.TryGetPropertyValue(property.Name, out var value))
            {
                continue;
            }

            if (IsRestartRequired(property))
            {
                target[property.Name] = value?.DeepClone();
            }
            else if (value is JsonObject nestedConfigured && target[property.Name] is JsonObject nestedTarget
                     && Full.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Object } nestedInfo)
            {
                CarryOverRestartRequired(nestedConfigured, nestedTarget, nestedInfo);
            }
        }
    }

    private static bool Matches(JsonPropertyInfo property, string name) => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);

    private static string ClrName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;

    private static void Add(IDictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }

        messages.Add(message);
    }
}
