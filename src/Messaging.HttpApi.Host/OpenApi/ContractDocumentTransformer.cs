using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>The document's description of the conventions every operation follows; no server address, so it is the same wherever it is served.</summary>
public sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Description =
        "Messaging: multi-tenant WhatsApp, SMS, email and webhook messages. Conventions of every operation: JSON in camelCase; " +
        "enums travel as their names (case-insensitive on input; numbers, numeric strings and combinations are refused); " +
        "text may not contain U+0000 or unpaired surrogates; a member the API does not know in a request body is ignored; " +
        "every error is an RFC 7807 problem (application/problem+json) with a stable code, the traceId and the correlationId; " +
        "429 and 503 answers carry Retry-After.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Messaging API";
        document.Info.Description = Description;
        document.Servers = [];
        return Task.CompletedTask;
    }
}
