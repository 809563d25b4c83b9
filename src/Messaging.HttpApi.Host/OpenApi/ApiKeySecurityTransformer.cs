using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>Declares the X-Api-Key scheme and requires it on every operation that is not anonymous.</summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Authentication.MessagingAuthenticationSchemes.ApiKeyHeader,
            Description = "A tenant's key for tenant operations, the host admin key for administration."
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (OperationTraits.RequiresApiKey(context.Description.ActionDescriptor))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        }

        return Task.CompletedTask;
    }
}
