namespace Messaging.EmailQueue;

/// <summary>One try to hand an email event to its mail server, with the server's answer when it failed.</summary>
public sealed class EmailAttempt
{
    private EmailAttempt()
    {
    }

    public const string NoReply = "connection";

    /// <summary>The reply code of an attempt that ended before any call: its template did not render.</summary>
    public const string TemplateFailed = "template";

    public EmailAttempt(Guid emailEventId, Guid tenantId, int number, DateTime startedAt, TimeSpan duration, EmailErrorClass? errorClass,
        string? replyCode, string? enhancedCode, string? serverAnswer)
    {
        Id = Guid.CreateVersion7();
        EmailEventId = emailEventId;
        TenantId = tenantId;
        Number = number;
        StartedAt = startedAt;
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
        ErrorClass = errorClass;
        ReplyCode = replyCode;
        EnhancedCode = enhancedCode;
        ServerAnswer = serverAnswer;
    }

    public Guid Id { get; private set; }

    public Guid EmailEventId { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>1 for the first attempt, counting every attempt made (throttled ones included).</summary>
    public int Number { get; private set; }

    public DateTime StartedAt { get; private set; }

    public int DurationMs { get; private set; }

    /// <summary>Null when the server accepted the message.</summary>
    public EmailErrorClass? ErrorClass { get; private set; }

    /// <summary>The SMTP reply code, or <c>connection</c> when no server answered.</summary>
    public string? ReplyCode { get; private set; }

    /// <summary>The RFC 3463 enhanced status code of the reply, when the server gave one.</summary>
    public string? EnhancedCode { get; private set; }

    public string? ServerAnswer { get; private set; }
}
