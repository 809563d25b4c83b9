using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.OpenApi;

public static class MessagingOpenApi
{
    /// <summary>The OpenAPI document at /openapi/v1.json, describing the API as it answers.</summary>
    public static IServiceCollection AddMessagingOpenApi(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, ProblemResponsesApiDescriptionProvider>());
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ContractDocumentTransformer>();
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<OperationIdTransformer>();
            options.AddOperationTransformer<FileTransferTransformer>();
            options.AddSchemaTransformer<WireSchemaTransformer>();
        });
        return services;
    }
}
