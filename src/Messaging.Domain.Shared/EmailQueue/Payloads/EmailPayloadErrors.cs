using System.Net.Mail;

namespace Messaging.EmailQueue.Payloads;

/// <summary>Collects a payload's problems under <c>payload.&lt;field&gt;</c>, the names the 400 answer carries.</summary>
public sealed class EmailPayloadErrors
{
    public const string Prefix = "payload.";

    /// <summary>A payload's problems in one line, each field named: for a log, a failure reason, a dead letter's answer.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}"));

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string problem)
    {
        var key = Prefix + field;
        if (!_errors.TryGetValue(key, out var problems))
        {
            _errors[key] = problems = [];
        }

        problems.Add(problem);
    }

    public void Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "This field is required.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"This field must be at most {maxLength} characters.");
        }
    }

    public void Address(string field, string? value, bool required)
    {
        Text(field, value, EmailQueueConsts.MaxAddressLength, required);
        if (!string.IsNullOrWhiteSpace(value) && value.Length <= EmailQueueConsts.MaxAddressLength && !IsAddress(value))
        {
            Add(field, "This field must be an email address, such as someone@example.com.");
        }
    }

    public void HttpsUrl(string field, string? value, bool required)
    {
        Text(field, value, EmailQueueConsts.MaxUrlLength, required);
        if (!string.IsNullOrWhiteSpace(value) && value.Length <= EmailQueueConsts.MaxUrlLength
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0))
        {
            Add(field, "This field must be an absolute https URL.");
        }
    }

    public void NotNegative(string field, decimal? value)
    {
        if (value is null)
        {
            Add(field, "This field is required.");
        }
        else if (value < 0)
        {
            Add(field, "This field must not be negative.");
        }
    }

    public void Currency(string field, string? value)
    {
        if (value is null || value.Length != EmailQueueConsts.MaxCurrencyLength || !value.All(char.IsAsciiLetterUpper))
        {
            Add(field, "This field must be an ISO 4217 code of three capital letters, such as EUR.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One address without a display name, with a dot in its domain: what an SMTP forward path can carry.</summary>
    public static bool IsAddress(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.')
        && value.All(c => c is > ' ' and < '\u007f');
}
