using Messaging.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>
/// Describes what actions stream themselves: the body of one marked <see cref="StreamedFileUploadAttribute"/> (multipart/form-data
/// with one required binary file field) and the 200 answer of one marked <see cref="BinaryDownloadAttribute"/> (binary).
/// </summary>
public sealed class FileTransferTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<BinaryDownloadAttribute>().Any() && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }
            };
        }

        if (metadata.OfType<StreamedFileUploadAttribute>().FirstOrDefault() is not { } upload)
        {
            return Task.CompletedTask;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { upload.FieldName },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [upload.FieldName] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                        }
                    }
                }
            }
        };
        return Task.CompletedTask;
    }
}
