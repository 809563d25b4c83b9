using Messaging.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>Describes the body of an action marked <see cref="StreamedFileUploadAttribute"/>: multipart/form-data with one required binary file field.</summary>
public sealed class StreamedUploadTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<StreamedFileUploadAttribute>().FirstOrDefault() is not { } upload)
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
