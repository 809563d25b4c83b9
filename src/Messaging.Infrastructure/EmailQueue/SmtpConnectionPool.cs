using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Messaging.EmailQueue;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.EmailQueue;

/// <summary>
/// Keeps SMTP connections open between emails to the same server with the same credentials, so a burst of mail pays
/// the TCP, TLS and AUTH round trips once per connection instead of once per email. A connection is reused only after
/// a send that went through (a failed conversation may have left it in any state), for at most
/// <see cref="EmailQueueOptions.SmtpMessagesPerConnection"/> emails, and is closed after
/// <see cref="EmailQueueOptions.SmtpConnectionIdleTime"/> unused (zero: every email has a connection of its own).
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentStack<SmtpConnection>> _idle = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<EmailQueueOptions> _options;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _reused;
    private int _disposed;

    public SmtpConnectionPool(IOptionsMonitor<EmailQueueOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        _options = options;
        _time = time;
        var meter = meterFactory.Create(EmailQueueConsts.MeterName);
        _opened = meter.CreateCounter<long>("smtp.connections_opened", "{connection}", "SMTP connections opened to tenants' servers.");
        _reused = meter.CreateCounter<long>("smtp.connections_reused", "{email}", "Emails sent over an SMTP connection opened for an earlier one.");
        meter.CreateObservableGauge("smtp.connections_idle", () => _idle.Values.Sum(stack => stack.Count), "{connection}",
            "SMTP connections open and waiting for the next email.");
        _sweeper = time.CreateTimer(_ => CloseExpired(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// An open connection for <paramref name="endpoint"/>, authenticated as its user: one left by an earlier send when
    /// there is one still fresh and <paramref name="reuse"/> allows it, else one <paramref name="open"/> makes.
    /// </summary>
    public async Task<SmtpConnection> RentAsync(SmtpEndpoint endpoint, Func<SmtpClient, CancellationToken, Task> open, bool reuse,
        CancellationToken cancellationToken)
    {
        var key = Key(endpoint);
        if (reuse && _idle.TryGetValue(key, out var stack))
        {
            while (stack.TryPop(out var idle))
            {
                if (idle.Client.IsConnected && !IsExpired(idle))
                {
                    _reused.Add(1);
                    return idle;
                }

                await CloseAsync(idle);
            }
        }

        var client = new SmtpClient();
        try
        {
            await open(client, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _opened.Add(1);
        return new SmtpConnection(key, client, reused: false);
    }

    /// <summary>Gives back a connection whose last send went through; it is kept for the next email unless it has done its share.</summary>
    public async Task ReturnAsync(SmtpConnection connection)
    {
        connection.Sent++;
        connection.LastUsed = _time.GetUtcNow();
        var settings = _options.CurrentValue;
        if (Volatile.Read(ref _disposed) == 1 || settings.SmtpConnectionIdleTime <= TimeSpan.Zero
            || connection.Sent >= settings.SmtpMessagesPerConnection || !connection.Client.IsConnected)
        {
            await CloseAsync(connection);
            return;
        }

        _idle.GetOrAdd(connection.Key, _ => new ConcurrentStack<SmtpConnection>()).Push(connection.AsReused());
    }

    /// <summary>Drops a connection whose conversation failed, without a polite QUIT it may not be able to take.</summary>
    public static void Discard(SmtpConnection connection) => connection.Client.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _sweeper.DisposeAsync();
        foreach (var stack in _idle.Values)
        {
            while (stack.TryPop(out var idle))
            {
                await CloseAsync(idle);
            }
        }
    }

    private void CloseExpired()
    {
        foreach (var stack in _idle.Values)
        {
            // Newest on top: what expired is at the bottom, so take all, keep the fresh, close the rest.
            var all = new List<SmtpConnection>();
            while (stack.TryPop(out var idle))
            {
                all.Add(idle);
            }

            for (var i = all.Count - 1; i >= 0; i--)
            {
                if (IsExpired(all[i]) || !all[i].Client.IsConnected)
                {
                    _ = CloseAsync(all[i]);
                }
                else
                {
                    stack.Push(all[i]);
                }
            }
        }
    }

    private bool IsExpired(SmtpConnection connection) => _time.GetUtcNow() - connection.LastUsed >= _options.CurrentValue.SmtpConnectionIdleTime;

    private static async Task CloseAsync(SmtpConnection connection)
    {
        try
        {
            if (connection.Client.IsConnected)
            {
                using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.Client.DisconnectAsync(quit: true, quitTimeout.Token);
            }
        }
        catch (Exception failed) when (failed is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException
                                           or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException)
        {
            // The server went first; there is nothing left to close politely.
        }
        finally
        {
            connection.Client.Dispose();
        }
    }

    /// <summary>
    /// Connections are shared only between sends that would authenticate alike: the server, port, TLS mode, user and
    /// a hash of the password (never the password itself, which must not live on in a dictionary key).
    /// </summary>
    private static string Key(SmtpEndpoint endpoint)
    {
        var password = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Password ?? "")));
        return string.Join('\n', endpoint.Host.ToLowerInvariant(), endpoint.Port, endpoint.TlsMode, endpoint.UserName ?? "", password);
    }
}

/// <summary>One open SMTP connection of the pool, and how much it has carried.</summary>
public sealed class SmtpConnection(string key, SmtpClient client, bool reused)
{
    internal string Key { get; } = key;

    public SmtpClient Client { get; } = client;

    /// <summary>Whether an earlier email went over this connection; a failure on it may only mean the server dropped it meanwhile.</summary>
    public bool Reused { get; } = reused;

    internal int Sent { get; set; }

    internal DateTimeOffset LastUsed { get; set; }

    internal SmtpConnection AsReused() => new(Key, Client, reused: true) { Sent = Sent, LastUsed = LastUsed };
}
