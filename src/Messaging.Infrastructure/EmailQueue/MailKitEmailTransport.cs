using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Messaging.CircuitBreaking;
using Messaging.EmailQueue;
using Messaging.Infrastructure.Http;
using Messaging.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Messaging.Infrastructure.EmailQueue;

/// <summary>
/// Sends with MailKit to the tenant's SMTP server, or writes an <c>.eml</c> file to the pickup folder when the tenant
/// has none. A server's refusal comes back as its reply and enhanced status code; a connection, TLS or protocol failure
/// as unreachable. Never throws for what the server did. Connections are kept open between emails by
/// <see cref="SmtpConnectionPool"/>.
/// </summary>
public sealed partial class MailKitEmailTransport(
    IOptionsMonitor<EmailQueueOptions> options,
    IOptionsMonitor<OutboundAddressOptions> addresses,
    SmtpConnectionPool connections,
    ILogger<MailKitEmailTransport> logger) : IEmailTransport
{
    public const string PickupCircuit = "pickup";

    public const string CouldNotConnect = "Could not connect to the SMTP server.";

    public string CircuitName(SmtpEndpoint? endpoint)
    {
        if (endpoint is null)
        {
            return PickupCircuit;
        }

        var name = $"smtp:{endpoint.Host.ToLowerInvariant()}";
        // A circuit's name is part of its key and bounded; a long host keeps its start and a hash of the whole.
        return name.Length <= CircuitConsts.MaxNameLength
            ? name
            : name[..(CircuitConsts.MaxNameLength - 9)] + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
    }

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, SmtpEndpoint? endpoint, CancellationToken cancellationToken)
    {
        var message = Build(email);
        return endpoint is null ? await WritePickupAsync(email, message, cancellationToken) : await SendSmtpAsync(message, endpoint, cancellationToken);
    }

    public static MimeMessage Build(OutgoingEmail email)
    {
        var message = new MimeMessage { MessageId = email.MessageId, Subject = email.Subject };
        message.From.Add(MailboxAddress.Parse(email.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Headers.Add("X-Messaging-Event-Id", email.EventId.ToString());
        // multipart/alternative: the plain text first, so a reader that shows no HTML shows the text.
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    private async Task<EmailSendResult> WritePickupAsync(OutgoingEmail email, MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.CurrentValue.PickupFolder);
        Directory.CreateDirectory(folder);
        // Written whole under a temporary name and then renamed, so a reader of the folder never sees half a message;
        // a resend of the same event replaces its file rather than adding a second.
        var path = Path.Combine(folder, $"{email.EventId:N}.eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return EmailSendResult.Accepted($"written to the pickup folder as {Path.GetFileName(path)}");
    }

    private async Task<EmailSendResult> SendSmtpAsync(MimeMessage message, SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await connections.RentAsync(endpoint, (client, token) => OpenAsync(client, endpoint, token), reuse: true, cancellationToken);
            try
            {
                return await SendOverAsync(connection, message, cancellationToken);
            }
            catch (Exception dropped) when (connection.Reused && IsConnectionLoss(dropped) && !cancellationToken.IsCancellationRequested)
            {
                // Servers close connections that wait unused; one that did so meanwhile gets the email on a fresh one.
                LogIdleConnectionDropped(logger, endpoint.Host);
                var fresh = await connections.RentAsync(endpoint, (client, token) => OpenAsync(client, endpoint, token), reuse: false, cancellationToken);
                return await SendOverAsync(fresh, message, cancellationToken);
            }
        }
        catch (AddressNotAllowedException refused)
        {
            // The tenant hears no more than for a server that did not answer, so refusals cannot map our network.
            LogGuardRefused(logger, refused, endpoint.Host);
            return EmailSendResult.Unreachable(CouldNotConnect);
        }
        catch (SmtpCommandException refused)
        {
            return EmailSendResult.Refused((int)refused.StatusCode, EnhancedCode(refused.Message), refused.Message);
        }
        catch (Exception failed) when (failed is MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException)
        {
            LogUnreachable(logger, failed, endpoint.Host);
            return EmailSendResult.Unreachable("The server refused the credentials or the TLS handshake failed.");
        }
        catch (Exception failed) when (failed is SmtpProtocolException or SocketException or IOException or SslHandshakeException
                                           or ServiceNotConnectedException or ServiceNotAuthenticatedException)
        {
            LogUnreachable(logger, failed, endpoint.Host);
            return EmailSendResult.Unreachable(failed is SocketException ? CouldNotConnect : failed.Message);
        }
    }

    private async Task OpenAsync(SmtpClient client, SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        // The tenant chose the server: connect through the SSRF guard, which resolves the name once, refuses
        // private networks and ports other than SMTP's, and hands MailKit the connection to the address it checked.
        var allowed = addresses.CurrentValue;
        var stream = await SsrfGuard.ConnectAsync(new DnsEndPoint(endpoint.Host, endpoint.Port), allowed.AllowPrivateNetworks,
            allowed.EffectiveAllowedSmtpPorts, cancellationToken);
        await client.ConnectAsync(stream, endpoint.Host, endpoint.Port, Socket(endpoint.TlsMode), cancellationToken);
        if (endpoint.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, endpoint.Password ?? "", cancellationToken);
        }
    }

    private async Task<EmailSendResult> SendOverAsync(SmtpConnection connection, MimeMessage message, CancellationToken cancellationToken)
    {
        string answer;
        try
        {
            answer = await connection.Client.SendAsync(message, cancellationToken);
        }
        catch
        {
            SmtpConnectionPool.Discard(connection);
            throw;
        }

        await connections.ReturnAsync(connection);
        return EmailSendResult.Accepted(answer);
    }

    private static bool IsConnectionLoss(Exception failed) =>
        failed is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException;

    private static SecureSocketOptions Socket(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Implicit => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable
    };

    /// <summary>The RFC 3463 code a reply text starts with (<c>5.1.1 User unknown</c>), if any.</summary>
    public static string? EnhancedCode(string replyText)
    {
        var first = replyText.TrimStart().Split(' ', 2)[0];
        var parts = first.Split('.');
        return parts.Length == 3 && parts[0] is "2" or "4" or "5" && parts.Skip(1).All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit))
            ? first
            : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SSRF guard refused a send to the SMTP server {Host}")]
    private static partial void LogGuardRefused(ILogger logger, Exception exception, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "The SMTP server {Host} had closed an idle connection; sending on a fresh one")]
    private static partial void LogIdleConnectionDropped(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send through the SMTP server {Host}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string host);
}
