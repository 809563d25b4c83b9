using Messaging.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Messaging.OpenApi;

/// <summary>
/// Declares the two ways a caller is known, an API key header or an OAuth 2.0 access token from the host's sign-in
/// server, and requires either on every operation that is not anonymous.
/// </summary>
public sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string ApiKeyScheme = "ApiKey";
    private const string OAuth2Scheme = "OAuth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Authentication.MessagingAuthenticationSchemes.ApiKeyHeader,
            Description = "A tenant's key for tenant operations, the host admin key for administration."
        };
        var token = new Uri(ConnectEndpoints.TokenPath, UriKind.Relative);
        document.Components.SecuritySchemes[OAuth2Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An access token of the host's sign-in server, sent as `Authorization: Bearer`: people sign in with the " +
                          "authorization code flow and PKCE (client `messaging-admin`), machine clients use client credentials.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(ConnectEndpoints.AuthorizePath, UriKind.Relative),
                    TokenUrl = token,
                    RefreshUrl = token,
                    Scopes = new Dictionary<string, string>
                    {
                        ["openid"] = "Who the user is.",
                        ["profile"] = "The user's name.",
                        ["email"] = "The user's email address.",
                        ["offline_access"] = "A refresh token."
                    }
                },
                ClientCredentials = new OpenApiOAuthFlow { TokenUrl = token, Scopes = new Dictionary<string, string>() }
            }
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (OperationTraits.RequiresCaller(context.Description.ActionDescriptor))
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2Scheme, context.Document)] = [] }
            ];
        }

        return Task.CompletedTask;
    }
}
