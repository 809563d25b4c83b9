using System.Text.Json.Nodes;

namespace Messaging.Contract;

/// <summary>One change to an operation's valid request that the API must refuse with a 400 naming <see cref="Field"/>.</summary>
public sealed record RequestProbe(Operation Operation, string Field, string Value, Func<ApiCall, ApiCall> Apply, bool InPath = false)
{
    public override string ToString() => $"{Operation} {Field}={Value}";
}

/// <summary>
/// Finds, from the document alone, every enum and every text of every request (body members at any depth, dictionary
/// keys and values, free-form documents, route and query values) and makes the probes that must be refused.
/// </summary>
public sealed class RequestProbes(ContractDocument document)
{
    private static readonly string[] NonTextFormats = ["uuid", "date-time", "date", "duration", "int32", "int64"];

    public IEnumerable<RequestProbe> Enums(Operation operation) =>
        ParameterProbes(operation, IsEnum, EnumValues).Concat(BodyProbes(operation, enums: true));

    public IEnumerable<RequestProbe> Texts(Operation operation) =>
        ParameterProbes(operation, IsText, _ => ["a\0b"]).Concat(BodyProbes(operation, enums: false));

    /// <summary>Each member the body schema marks required, left out.</summary>
    public IEnumerable<RequestProbe> RequiredMembers(Operation operation)
    {
        if (operation.RequestBodySchema is not { } schema || document.Resolve(schema)["required"] is not JsonArray required)
        {
            yield break;
        }

        foreach (var member in required.Select(name => name!.GetValue<string>()))
        {
            yield return new RequestProbe(operation, member, "(left out)", call =>
            {
                var body = call.Body!.DeepClone().AsObject();
                body.Remove(member);
                return call with { Body = body };
            });
        }
    }

    private IEnumerable<RequestProbe> ParameterProbes(Operation operation, Func<JsonObject, bool> applies, Func<JsonObject, string[]> values)
    {
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var location = parameter["in"]!.GetValue<string>();
            var schema = document.Resolve(parameter["schema"]!);
            if (!applies(schema) || location == "header" && !IsEnum(schema))
            {
                // A header cannot carry U+0000: clients refuse to send it and Kestrel refuses to read it.
                continue;
            }

            foreach (var value in values(schema))
            {
                yield return location switch
                {
                    "path" => new RequestProbe(operation, name, value, call => call with { Path = WithPathValue(operation.Template, call.Path, name, value) }, InPath: true),
                    "query" => new RequestProbe(operation, name, value, call => call with { Path = WithQueryValue(call.Path, name, value) }),
                    _ => new RequestProbe(operation, name, value, call => call with
                    {
                        Headers = new Dictionary<string, string>(call.Headers) { [name] = value }
                    })
                };
            }
        }
    }

    private IEnumerable<RequestProbe> BodyProbes(Operation operation, bool enums)
    {
        if (operation.RequestBodySchema is not { } schema)
        {
            return [];
        }

        return Members(schema, [], enums).Select(probe => new RequestProbe(operation, FieldName(probe.Path), probe.Value.ToJsonString(),
            call => call with { Body = WithMember(call.Body ?? new JsonObject(), probe.Path, probe.Value) }));
    }

    private IEnumerable<(string[] Path, JsonNode Value)> Members(JsonNode schema, string[] path, bool enums)
    {
        var resolved = document.Resolve(schema);
        if (resolved["properties"] is JsonObject properties)
        {
            foreach (var (name, member) in properties)
            {
                foreach (var probe in Values(member!, [.. path, name], enums))
                {
                    yield return probe;
                }
            }
        }
    }

    private IEnumerable<(string[] Path, JsonNode Value)> Values(JsonNode schema, string[] path, bool enums)
    {
        var resolved = document.Resolve(schema);
        if (IsEnum(resolved))
        {
            if (enums)
            {
                foreach (var value in EnumBodyValues(resolved))
                {
                    yield return (path, value);
                }
            }
        }
        else if (IsText(resolved))
        {
            if (!enums)
            {
                foreach (var value in TextValues())
                {
                    yield return (path, value);
                }
            }
        }
        else if (HasType(resolved, "array") && resolved["items"] is { } items)
        {
            // Inside the first element of the valid request's array, so the rest of that element stays valid.
            foreach (var probe in Values(items, [.. path, FirstElement], enums))
            {
                yield return probe;
            }
        }
        else if (HasType(resolved, "object"))
        {
            if (resolved["properties"] is JsonObject { Count: > 0 })
            {
                foreach (var probe in Members(resolved, path, enums))
                {
                    yield return probe;
                }
            }
            else if (resolved["additionalProperties"] is JsonObject valueSchema)
            {
                foreach (var (_, value) in Values(valueSchema, path, enums))
                {
                    yield return (path, new JsonObject { ["key"] = value.DeepClone() });
                }

                if (!enums)
                {
                    yield return (path, new JsonObject { ["a\0b"] = "value" });
                }
            }
            else if (!enums)
            {
                // A free-form document (the runtime settings): text anywhere in it.
                yield return (path, new JsonObject { ["probe"] = new JsonObject { ["deeper"] = "a\0b" } });
                yield return (path, new JsonObject { ["a\0b"] = 1 });
            }
        }
    }

    private static IEnumerable<JsonNode> TextValues() => [JsonValue.Create("a\0b"), JsonValue.Create(ApiCall.UnpairedSurrogate)];

    private static IEnumerable<JsonNode> EnumBodyValues(JsonObject schema) =>
        [JsonValue.Create(99), JsonValue.Create(1), .. EnumValues(schema).Select(value => JsonValue.Create(value))];

    private static string[] EnumValues(JsonObject schema)
    {
        var names = schema["enum"]!.AsArray().Select(name => name!.GetValue<string>()).ToArray();
        return ["99", "1", "-1", "NoSuchName", $"{names[0]},{names[^1]}"];
    }

    private static bool IsEnum(JsonObject schema) => schema["enum"] is JsonArray { Count: > 0 };

    private static bool IsText(JsonObject schema) =>
        HasType(schema, "string") && !IsEnum(schema) && !NonTextFormats.Contains(schema["format"]?.GetValue<string>());

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonArray types => types.Any(t => t!.GetValue<string>() == type),
        JsonValue single => single.GetValue<string>() == type,
        _ => false
    };

    private static JsonObject WithMember(JsonNode body, string[] path, JsonNode value)
    {
        var copy = body.DeepClone().AsObject();
        JsonNode target = copy;
        foreach (var segment in path[..^1])
        {
            target = Child(target, segment);
        }

        if (path[^1] == FirstElement)
        {
            target.AsArray()[0] = value.DeepClone();
        }
        else
        {
            target[path[^1]] = value.DeepClone();
        }

        return copy;
    }

    /// <summary>As the API names a field: <c>messages[0].channel</c>.</summary>
    private static string FieldName(string[] path) =>
        string.Concat(path.Select((segment, i) => segment == FirstElement ? "[0]" : i == 0 ? segment : "." + segment));

    /// <summary>The path segment of an array's first element: arrays are probed through their first element.</summary>
    private const string FirstElement = "0";

    private static JsonNode Child(JsonNode parent, string segment)
    {
        if (segment == FirstElement && parent is JsonArray array)
        {
            if (array.Count == 0)
            {
                array.Add(new JsonObject());
            }

            return array[0]!;
        }

        return parent[segment] ?? (parent[segment] = new JsonObject());
    }

    private static string WithPathValue(string template, string path, string parameter, string value)
    {
        var query = path.IndexOf('?') is var at and >= 0 ? path[at..] : "";
        var segments = path[..(path.Length - query.Length)].Split('/');
        var templateSegments = template.TrimStart('/').Split('/');
        var index = Array.IndexOf(templateSegments, "{" + parameter + "}");
        segments[index] = Uri.EscapeDataString(value);
        return string.Join('/', segments) + query;
    }

    private static string WithQueryValue(string path, string parameter, string value)
    {
        var at = path.IndexOf('?');
        var pairs = at < 0 ? [] : path[(at + 1)..].Split('&')
            .Where(pair => !pair.Split('=')[0].Equals(parameter, StringComparison.OrdinalIgnoreCase)).ToList();
        pairs.Add($"{parameter}={Uri.EscapeDataString(value)}");
        return (at < 0 ? path : path[..at]) + "?" + string.Join('&', pairs);
    }
}
