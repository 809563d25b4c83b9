using System.Net.Mail;
using System.Text.RegularExpressions;
using Messaging.Idempotency;

namespace Messaging.Messages;

/// <summary>Checks a send request against the rules of its channel and lists every problem at once.</summary>
public static partial class SendOneWayMessageValidator
{
    public const string IdempotencyKeyField = IdempotencyKey.Field;

    public static Dictionary<string, string[]> Validate(SendOneWayMessageDto input, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (input.Channel is null)
        {
            errors["channel"] = ["The channel is required: WhatsApp, Sms, Email or Webhook."];
        }

        ValidateRecipient(input, errors);
        ValidateContent(input, errors);
        ValidateMetadata(input.Metadata, errors);
        IdempotencyKey.Validate(idempotencyKey, errors);
        return errors;
    }

    private static void ValidateRecipient(SendOneWayMessageDto input, Dictionary<string, string[]> errors)
    {
        var recipient = input.Recipient;
        if (string.IsNullOrWhiteSpace(recipient))
        {
            errors["recipient"] = ["The recipient is required."];
            return;
        }

        if (recipient.Length > MessageConsts.MaxRecipientLength)
        {
            errors["recipient"] = [$"The recipient must be at most {MessageConsts.MaxRecipientLength} characters."];
            return;
        }

        var problem = input.Channel switch
        {
            MessageChannel.WhatsApp or MessageChannel.Sms when !E164().IsMatch(recipient) =>
                "The recipient must be a phone number in E.164 form, such as +14155550123.",
            MessageChannel.Email when !IsEmailAddress(recipient) =>
                "The recipient must be an email address, such as someone@example.com.",
            MessageChannel.Webhook when !IsHttpsUrl(recipient) =>
                "The recipient must be an absolute https URL.",
            _ => null
        };
        if (problem is not null)
        {
            errors["recipient"] = [problem];
        }
    }

    private static void ValidateContent(SendOneWayMessageDto input, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(input.Content))
        {
            errors["content"] = ["The content is required."];
            return;
        }

        if (input.Channel is { } channel && input.Content.Length > MessageConsts.MaxContentLength(channel))
        {
            errors["content"] = [$"The content of a {channel} message must be at most {MessageConsts.MaxContentLength(channel)} characters."];
        }
    }

    private static void ValidateMetadata(Dictionary<string, string>? metadata, Dictionary<string, string[]> errors)
    {
        if (metadata is null)
        {
            return;
        }

        var problems = new List<string>();
        if (metadata.Count > MessageConsts.MaxMetadataEntries)
        {
            problems.Add($"At most {MessageConsts.MaxMetadataEntries} metadata entries are allowed.");
        }

        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MessageConsts.MaxMetadataKeyLength)
            {
                problems.Add($"Metadata keys must be 1 to {MessageConsts.MaxMetadataKeyLength} characters.");
            }

            if (value is null || value.Length > MessageConsts.MaxMetadataValueLength)
            {
                problems.Add($"Metadata value of '{Truncate(key)}' must be present and at most {MessageConsts.MaxMetadataValueLength} characters.");
            }
        }

        if (problems.Count > 0)
        {
            errors["metadata"] = problems.Distinct().ToArray();
        }
    }

    private static bool IsEmailAddress(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.');

    private static bool IsHttpsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    private static string Truncate(string? key) => key is null ? string.Empty : key.Length <= 32 ? key : key[..32] + "…";

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
