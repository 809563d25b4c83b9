namespace Messaging.EmailQueue;

public static class EmailEventMapping
{
    public static EmailEventDto ToDto(EmailEvent emailEvent) => new(
        emailEvent.Id, emailEvent.Type, emailEvent.Status, emailEvent.Recipient, emailEvent.AcceptedAt, emailEvent.CompletedAt,
        emailEvent.Status is EmailEventStatus.Accepted or EmailEventStatus.Queued ? emailEvent.DueAt : null,
        emailEvent.LastErrorClass, emailEvent.LastReplyCode, emailEvent.LastEnhancedCode,
        emailEvent.Attempts.OrderBy(a => a.Number)
            .Select(a => new EmailAttemptDto(a.Number, a.StartedAt, a.DurationMs, a.ErrorClass, a.ReplyCode, a.EnhancedCode, a.ServerAnswer))
            .ToList());
}
