namespace Messaging.EmailQueue.Payloads;

/// <summary>A plain email: the subject and text are the sender's own, not a template's.</summary>
public sealed record MessagePayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.Message;

    public string? Subject { get; init; }

    public string? Text { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("subject", Subject, EmailQueueConsts.MaxSubjectLength);
        errors.Text("text", Text, EmailQueueConsts.MaxMessageTextLength);
    }
}
