namespace Messaging.EmailQueue.Delivery;

/// <summary>
/// The <c>Message-ID</c> of an event's email: the same for every attempt, so a resend after a crash between the
/// server's answer and our commit carries the id the receiver already saw.
/// </summary>
public static class EmailMessageId
{
    public static string For(Guid eventId, string fromAddress)
    {
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..] : "messaging.localhost";
        return $"{eventId:N}@{domain}";
    }
}
