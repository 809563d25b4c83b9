namespace Messaging.EmailQueue.Payloads;

/// <summary>Greets a new user.</summary>
public sealed record WelcomePayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.Welcome;

    public string? Name { get; init; }

    /// <summary>Where the new user confirms the email address, when the account has one to confirm.</summary>
    public string? ConfirmEmailUrl { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("name", Name, EmailQueueConsts.MaxNameLength);
        errors.HttpsUrl("confirmEmailUrl", ConfirmEmailUrl, required: false);
    }
}

/// <summary>Carries a link that resets the user's password until it expires.</summary>
public sealed record PasswordResetPayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.PasswordReset;

    public string? Name { get; init; }

    public string? ResetUrl { get; init; }

    public DateTime? ExpiresAt { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("name", Name, EmailQueueConsts.MaxNameLength, required: false);
        errors.HttpsUrl("resetUrl", ResetUrl, required: true);
        if (ExpiresAt is null)
        {
            errors.Add("expiresAt", "This field is required.");
        }
    }
}

/// <summary>Forwards what a visitor wrote in the contact form to the shop.</summary>
public sealed record ContactFormPayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.ContactForm;

    public string? FromName { get; init; }

    public string? FromEmail { get; init; }

    public string? Subject { get; init; }

    public string? Message { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("fromName", FromName, EmailQueueConsts.MaxNameLength);
        errors.Address("fromEmail", FromEmail, required: true);
        errors.Text("subject", Subject, EmailQueueConsts.MaxShortTextLength);
        errors.Text("message", Message, EmailQueueConsts.MaxMessageLength);
    }
}
