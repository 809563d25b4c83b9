namespace Messaging.EmailQueue;

/// <summary>
/// One rendered email, ready for a transport. <see cref="MessageId"/> is derived from the event id, so a resend is
/// recognisable. Without <see cref="HtmlBody"/> (a tenant's template without an HTML part) it is plain text only.
/// </summary>
public sealed record OutgoingEmail(Guid EventId, string From, string To, string Subject, string TextBody, string? HtmlBody, string MessageId);

/// <summary>What a transport reports of one send: accepted, or the server's reply, or a failure to talk to it at all.</summary>
public sealed record EmailSendResult(bool Sent, int? ReplyCode, string? EnhancedCode, string? ServerAnswer, bool ConnectionFailed)
{
    public static EmailSendResult Accepted(string? serverAnswer = null) => new(true, null, null, serverAnswer, false);

    public static EmailSendResult Refused(int replyCode, string? enhancedCode, string? serverAnswer) =>
        new(false, replyCode, enhancedCode, serverAnswer, false);

    /// <summary>Could not connect, TLS failed, the connection dropped or timed out: no reply code to judge.</summary>
    public static EmailSendResult Unreachable(string reason) => new(false, null, null, reason, true);
}

/// <summary>Hands an email to a mail server (or the embedded pickup folder) and reports the outcome; never throws for the server's answers.</summary>
public interface IEmailTransport
{
    /// <summary>The name of what this send's circuit guards (the SMTP host, or <c>pickup</c>).</summary>
    string CircuitName(SmtpEndpoint? endpoint);

    Task<EmailSendResult> SendAsync(OutgoingEmail email, SmtpEndpoint? endpoint, CancellationToken cancellationToken);
}

/// <summary>A tenant's SMTP server with its credentials in clear, only in memory for one send.</summary>
public sealed record SmtpEndpoint(string Host, int Port, SmtpTlsMode TlsMode, string? UserName, string? Password, string? From);
