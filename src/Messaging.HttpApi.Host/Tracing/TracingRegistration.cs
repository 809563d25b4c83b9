using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Messaging.Tracing;

/// <summary>
/// OpenTelemetry tracing, exported over OTLP when <c>OpenTelemetry:Endpoint</c> is set: our own sources
/// (<c>Messaging.*</c>), ASP.NET Core's requests and the HTTP client's calls. Without an endpoint nothing is registered,
/// so no source has a listener and our spans are never made. Metrics stay with the Prometheus endpoint.
/// </summary>
public static class TracingRegistration
{
    public const string EndpointKey = "OpenTelemetry:Endpoint";
    public const string ProtocolKey = "OpenTelemetry:Protocol";
    public const string ServiceNameKey = "OpenTelemetry:ServiceName";

    public static IServiceCollection AddMessagingTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var collector) || collector.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{EndpointKey} must be an absolute http or https address of an OTLP collector, not '{endpoint}'.");
        }

        var protocol = configuration.GetValue(ProtocolKey, OtlpExportProtocol.HttpProtobuf);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration[ServiceNameKey] ?? "Messaging"))
            .WithTracing(tracing => tracing
                .AddSource("Messaging.*")
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = protocol;
                    otlp.Endpoint = TracesEndpoint(collector, protocol);
                }));
        return services;
    }

    /// <summary>
    /// The collector's traces address. Set in code, the exporter takes the endpoint as it is: over HTTP the signal's path
    /// is added here, as the exporter does for its environment variable, unless the address already names one.
    /// </summary>
    public static Uri TracesEndpoint(Uri collector, OtlpExportProtocol protocol) =>
        protocol == OtlpExportProtocol.HttpProtobuf && collector.AbsolutePath is "" or "/"
            ? new Uri(collector, "v1/traces")
            : collector;

    /// <summary>Health probes and metric scrapes come every few seconds and say nothing about a message.</summary>
    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
