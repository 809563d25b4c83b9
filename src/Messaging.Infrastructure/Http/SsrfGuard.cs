using System.Net;
using System.Net.Sockets;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Http;

/// <summary>
/// The connection handler of the <see cref="OutboundHttpClients.TenantSupplied"/> client. It resolves the host itself,
/// refuses the connection when ANY resolved address is not public (see <see cref="AddressClassifier"/>), and connects to
/// the address it checked: there is no second lookup an attacker's DNS could answer differently (DNS rebinding).
/// Redirects are not followed (a public address could redirect to a private one) and no proxy is used (the check would
/// see the proxy, not the target). TLS still validates the certificate against the host name of the URL. Only the
/// allowed ports may be called, so a public address of the platform's own infrastructure cannot be probed on others.
/// </summary>
public static class SsrfGuard
{
    public static SocketsHttpHandler CreateHandler(IOptionsMonitor<OutboundAddressOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options.CurrentValue.AllowPrivateNetworks,
            options.CurrentValue.EffectiveAllowedPorts, cancellationToken)
    };

    public static ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken) =>
        ConnectAsync(endPoint, allowPrivateNetworks, OutboundAddressOptions.DefaultAllowedPorts, cancellationToken);

    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetworks, IReadOnlySet<int> allowedPorts,
        CancellationToken cancellationToken)
    {
        var host = endPoint.Host.TrimStart('[').TrimEnd(']');
        if (!allowPrivateNetworks && !allowedPorts.Contains(endPoint.Port))
        {
            throw AddressNotAllowedException.ForPort(host, endPoint.Port);
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!allowPrivateNetworks && addresses.FirstOrDefault(address => !AddressClassifier.IsPublic(address)) is { } refused)
        {
            throw new AddressNotAllowedException(host, refused.ToString());
        }

        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException failure)
            {
                socket.Dispose();
                lastFailure = failure;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }
}
