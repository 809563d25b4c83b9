using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.ArchitectureTests;

/// <summary>
/// Every endpoint of the host is closed to anonymous callers unless it is on the list below: an endpoint added without
/// a policy falls to the fallback policy, and one marked anonymous must be named here on purpose.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    private static readonly string[] IntentionallyAnonymous =
    [
        // The sign-in page and the sign-in server's endpoints: where callers come to get credentials.
        "/account/confirm-email",
        "/account/forgot-password",
        "/account/login",
        "/account/reset-password",
        "/connect/authorize",
        "/connect/logout",
        "/connect/token",
        "/health/live",
        "/health/ready",
        "api/app/email-webhook/{workerId:guid}",
        "api/app/message-receipt/{provider}",
        "api/app/attachment/download/{id:guid}",
        // The cron secret and subscription tokens are checked by the endpoints themselves.
        "api/app/channel/{id:guid}/events",
        "api/app/cron/cleanup-delayed-messages",
        "/metrics",
        "/openapi/{documentName}.json",
        "/scalar/{documentName?}",
        "/scalar/favicon.svg",
        "/scalar/scalar.aspnetcore.js",
        "/scalar/scalar.js",
        "{*path:nonfile}"
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("messaging-endpoint-authorization-");
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder.FullName, "messaging.db")}")
            .UseSetting("Seed:HostAdminApiKey", "endpoint-authorization-test-host-key-Zx81Qp")
            .UseSetting("environment", "Testing"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryEndpoint_NeedsAnAuthenticatedCaller_UnlessItIsListedAsAnonymous()
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var policies = _factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        var open = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var requiresCaller = policy?.Requirements.Count > 0;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || !requiresCaller)
            {
                open.Add(endpoint.RoutePattern.RawText ?? endpoint.DisplayName ?? "?");
            }
        }

        endpoints.Count.ShouldBeGreaterThan(IntentionallyAnonymous.Length);
        open.Distinct().Order().ShouldBe(IntentionallyAnonymous.Order());
    }

    [Fact]
    public async Task AnEndpointThatNamesNoPolicy_GetsOneThatRefusesAnonymousCallers()
    {
        var fallback = await _factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        fallback.ShouldNotBeNull();
        fallback.Requirements.ShouldContain(requirement => requirement is DenyAnonymousAuthorizationRequirement);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
