using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Messaging;

/// <summary>
/// Client addresses from X-Forwarded-For, trusted only from the proxies named in <c>Host:ForwardedHeaders</c>
/// (<c>KnownProxies</c>: addresses, <c>KnownNetworks</c>: CIDR blocks). With none named, the header is ignored and the
/// connection's address is the client's: anyone can write the header, so only a proxy we run may be believed.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string SectionName = "Host:ForwardedHeaders";

    public static void UseTrustedForwardedHeaders(this WebApplication app, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // The defaults trust loopback; only what is configured is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
    }
}
