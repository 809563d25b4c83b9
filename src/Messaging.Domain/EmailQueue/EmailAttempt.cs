namespace Messaging.EmailQueue;

/// <summary>One try to hand an email event to its mail server, with the server's answer when it failed.</summary>
public sealed class EmailAttempt
{
    private EmailAttempt()
    {
    }

    public EmailAttempt(Guid emailEventId, Guid tenantId, int number, DateTime startedAt, TimeSpan duration, EmailErrorClass? errorClass,
        string? replyCode, string? serverAnswer)
    {
        Id = Guid.CreateVersion7();
        EmailEventId = emailEventId;
        TenantId = tenantId;
        Number = number;
        StartedAt = startedAt;
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
        ErrorClass = errorClass;
        ReplyCode = replyCode;
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

    public string? ReplyCode { get; private set; }

    public string? ServerAnswer { get; private set; }
}
