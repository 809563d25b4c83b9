using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Templates;

/// <summary>What a template request names, read as the endpoints accept it: 400 naming the field for what does not fit.</summary>
public static class EmailTemplateTypes
{
    /// <summary>An event type by its name (any case); a number or an unknown name is a 400.</summary>
    public static EmailEventType Parse(string? type) =>
        !string.IsNullOrWhiteSpace(type) && !char.IsAsciiDigit(type.TrimStart('-')[0]) && Enum.TryParse<EmailEventType>(type, ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed)
            ? parsed
            : throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["type"] = [$"Not an email event type: one of {string.Join(", ", Enum.GetNames<EmailEventType>())}."]
            });

    /// <summary>The parts as given, checked for presence and length (their Liquid is checked by <see cref="EmailTemplateEngine.Parse"/>).</summary>
    public static EmailTemplateContent Content(string? subject, string? text, string? html)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(errors, "subject", subject, EmailQueueConsts.MaxSubjectLength, required: true);
        Check(errors, "text", text, EmailQueueConsts.MaxTemplatePartLength, required: true);
        Check(errors, "html", html, EmailQueueConsts.MaxTemplatePartLength, required: false);
        return errors.Count > 0 ? throw new InputValidationException(errors) : new EmailTemplateContent(subject!, html ?? "", text!);
    }

    /// <summary>The variables a template of the type may use; a list's item members as <c>items[].name</c>.</summary>
    public static IReadOnlyList<string> VariablesOf(EmailEventType type) =>
        EmailPayloadContract.Of(type).Members
            .SelectMany(member => member.Value is null ? [member.Key] : member.Value.Order(StringComparer.Ordinal).Select(item => $"{member.Key}[].{item}").Prepend(member.Key))
            .ToList();

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int maxLength, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} part is required."];
        }
        else if (value is not null && value.Length > maxLength)
        {
            errors[field] = [$"The {field} part is at most {maxLength} characters long."];
        }
    }
}
