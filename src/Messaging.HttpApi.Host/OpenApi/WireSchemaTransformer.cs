using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>
/// Makes each schema say what the wire carries: enums as their names, TimeSpan as a duration, <c>required</c> for what a
/// request must carry and what an answer always carries, and problem documents with the members we add.
/// </summary>
public sealed class WireSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var typeInfo = context.JsonTypeInfo;
        var valueType = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (valueType.IsEnum && schema.Enum is { Count: > 0 })
        {
            // The enum's own schema (a nullable use refers to it beside null), shared by every use of the enum.
            DescribeEnum(schema, valueType);
        }
        else if (valueType == typeof(TimeSpan))
        {
            schema.Format = "duration";
            schema.Description ??= "A .NET TimeSpan in constant format: [-][d.]hh:mm:ss[.fffffff], e.g. 00:01:00 for one minute.";
        }
        else if (typeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            schema.Required = typeInfo.Properties.Where(IsAlwaysPresent).Select(property => property.Name).ToHashSet();
            if (typeof(ProblemDetails).IsAssignableFrom(typeInfo.Type))
            {
                DescribeProblem(schema, typeInfo.Type == typeof(ValidationProblemDetails));
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeEnum(OpenApiSchema schema, Type enumType)
    {
        schema.Type = JsonSchemaType.String;
        schema.Format = null;
        schema.Pattern = null;
        schema.Enum = Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        schema.Description ??= "Names only, matched case-insensitively; numbers are refused.";
    }

    /// <summary>
    /// A request must carry what is marked [Required]; an answer (a record built through its constructor) always
    /// carries every member, unless the member is left out when empty. A constructor parameter with a default may be
    /// left out of a request (a filter), so it is not claimed.
    /// </summary>
    private static bool IsAlwaysPresent(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
        || (property.AssociatedParameter is { HasDefaultValue: false } && property.ShouldSerialize is null && !IsLeftOutWhenEmpty(property));

    private static bool IsLeftOutWhenEmpty(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(ignore => ignore.Condition != JsonIgnoreCondition.Never) == true;

    private static void DescribeProblem(OpenApiSchema schema, bool isValidation)
    {
        schema.Properties!["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "A stable error code, e.g. Messaging:ValidationFailed (where the answer comes from our own checks)."
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace id the logs carry." };
        schema.Properties["correlationId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The X-Correlation-Id of the request, or one made for it."
        };
        schema.Properties["limit"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "On a rate-limit refusal: the limit that was hit (window, burst or concurrency)."
        };
        schema.Required = new HashSet<string> { "status", "title", "traceId" };
        if (isValidation)
        {
            schema.Required.Add("errors");
        }
    }
}
