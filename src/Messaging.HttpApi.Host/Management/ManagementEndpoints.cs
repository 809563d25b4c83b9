using Messaging.Authorization;
using Messaging.EntityFrameworkCore;
using Prometheus;
using Scalar.AspNetCore;

namespace Messaging.Management;

/// <summary>
/// The operator's endpoints: /metrics, the OpenAPI document and the API reference. With <c>Management:Urls</c> they are
/// served only on those addresses (a port the load balancer does not publish), anonymously, and nothing but them and
/// the health probes is served there. Without it they stay on the main port: anonymous on the embedded default
/// (SQLite), in Development and in the Bench environment; for the host admin key everywhere else.
/// </summary>
public static class ManagementEndpoints
{
    public const string UrlsKey = "Management:Urls";

    /// <summary>Adds the management addresses to those Kestrel listens on.</summary>
    public static WebApplicationBuilder AddManagementUrls(this WebApplicationBuilder builder)
    {
        var management = ManagementUrls(builder.Configuration);
        if (management.Count > 0)
        {
            var main = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : "http://localhost:5000";
            builder.WebHost.UseUrls([.. main.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), .. management]);
        }

        return builder;
    }

    /// <summary>Keeps the management endpoints off the main port, and everything else off the management port.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        var ports = ManagementUrls(app.Configuration).Select(url => new Uri(url.Replace("*", "localhost").Replace("+", "localhost")).Port).ToHashSet();
        if (ports.Count == 0)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            var onManagementPort = ports.Contains(context.Connection.LocalPort);
            if (onManagementPort)
            {
                context.Features.Set(new ManagementConnection());
            }

            var isManagementEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
            var isHealthProbe = context.Request.Path.StartsWithSegments("/health");
            if (onManagementPort ? isManagementEndpoint || isHealthProbe : !isManagementEndpoint)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        return app;
    }

    public static WebApplication MapManagementEndpoints(this WebApplication app)
    {
        var open = ManagementUrls(app.Configuration).Count > 0
                   || app.Environment.IsDevelopment()
                   || app.Environment.IsEnvironment("Bench")
                   || app.Services.GetRequiredService<MessagingConnectionString>().Provider == DatabaseProvider.Sqlite;
        foreach (var endpoints in new[] { app.MapOpenApi(), app.MapScalarApiReference(), app.MapMetrics("/metrics") })
        {
            endpoints.WithMetadata(new ManagementEndpointMetadata());
            if (open)
            {
                endpoints.AllowAnonymous();
            }
            else
            {
                endpoints.RequireAuthorization(MessagingPolicies.HostAdmin);
            }
        }

        return app;
    }

    /// <summary>Whether the request came in on a management address (whose callers are the operator's).</summary>
    public static bool IsOnManagementPort(HttpContext context) => context.Features.Get<ManagementConnection>() is not null;

    private static List<string> ManagementUrls(IConfiguration configuration) =>
        (configuration[UrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private sealed class ManagementEndpointMetadata;

    private sealed class ManagementConnection;
}
