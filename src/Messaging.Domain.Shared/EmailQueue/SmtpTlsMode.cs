namespace Messaging.EmailQueue;

public enum SmtpTlsMode
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>STARTTLS required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>Plain text: only for servers on a trusted network.</summary>
    None
}
