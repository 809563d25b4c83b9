using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Messaging.TestSupport;

/// <summary>
/// Relays a loopback port to a server's, so a test can cut one client off a server that others still reach, as a
/// network partition does, without the server losing what it holds.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _cut = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly int _targetPort;
    private readonly Task _accepting;

    private TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpRelay To(int targetPort) => new(targetPort);

    /// <summary>Drops every relayed connection and refuses new ones from now on.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cut.IsCancellationRequested)
        {
            Cut();
        }

        await _accepting;
        _cut.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_cut.Token);
                var upstream = new TcpClient();
                _connections.Add(client);
                _connections.Add(upstream);
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _cut.Token);
                _ = PumpAsync(client, upstream);
                _ = PumpAsync(upstream, client);
            }
        }
        catch (Exception ended) when (ended is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _cut.Token);
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
