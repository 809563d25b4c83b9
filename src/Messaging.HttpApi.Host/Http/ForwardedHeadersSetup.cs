using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Messaging.Http;

/// <summary>
/// The client's address is the connection's unless the connection comes from a configured proxy: only then is its
/// X-Forwarded-For believed. With none configured, nobody can choose the address they are limited by.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddMessagingForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, KnownProxiesKey)
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw NotAnAddress(KnownProxiesKey, text))
            .ToList();
        var networks = Values(configuration, KnownNetworksKey)
            .Select(text => System.Net.IPNetwork.TryParse(text, out var network) ? network : throw NotAnAddress(KnownNetworksKey, text))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>
    /// Only with proxies configured: the middleware believes everyone when it knows no proxy.
    /// </summary>
    public static WebApplication UseMessagingForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        (configuration.GetSection(key).Get<string[]>() ?? []).Select(text => text.Trim());

    private static InvalidOperationException NotAnAddress(string key, string text) =>
        new($"{key} has '{text}', which is not an IP address (proxies) or a network such as 10.0.0.0/8 (networks).");
}
