using System.Text.RegularExpressions;

namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// A rule ready to match, built once per cache fill: its pattern compiled to a regular expression with a match timeout
/// (glob and regular expression) or kept as text (exact, contains). A match that times out counts as no match.
/// </summary>
public sealed class CompiledEmailRule
{
    private readonly Regex? _regex;

    private CompiledEmailRule(EmailRule rule, Regex? regex)
    {
        Id = rule.Id;
        Kind = rule.Kind;
        Field = rule.Field;
        HeaderName = rule.HeaderName;
        MatchType = rule.MatchType;
        Pattern = rule.Pattern;
        Action = rule.Action;
        Target = rule.Target;
        Order = rule.Order;
        ExpiresAt = rule.ExpiresAt;
        AlertThreshold = rule.AlertThreshold;
        _regex = regex;
    }

    public Guid Id { get; }

    public EmailRuleKind Kind { get; }

    public EmailRuleField Field { get; }

    public string? HeaderName { get; }

    public EmailRuleMatchType MatchType { get; }

    public string Pattern { get; }

    public InboundEmailAction Action { get; }

    public string? Target { get; }

    public int Order { get; }

    public DateTime? ExpiresAt { get; }

    public long? AlertThreshold { get; }

    public static CompiledEmailRule Compile(EmailRule rule, TimeSpan matchTimeout) => new(rule, rule.MatchType switch
    {
        EmailRuleMatchType.Regex => new Regex(rule.Pattern, Options, matchTimeout),
        EmailRuleMatchType.Glob => new Regex(GlobToRegex(rule.Pattern), Options, matchTimeout),
        _ => null
    });

    /// <returns>Why the pattern cannot be used, or null when it can.</returns>
    public static string? FindPatternError(EmailRuleMatchType matchType, string pattern, TimeSpan matchTimeout)
    {
        if (matchType != EmailRuleMatchType.Regex)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, Options, matchTimeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    public bool Matches(InboundEmailFacts email, DateTime now)
    {
        if (ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return false;
        }

        var value = Field switch
        {
            EmailRuleField.Sender => email.Sender,
            EmailRuleField.Recipient => email.Recipient,
            EmailRuleField.Subject => email.Subject,
            _ => HeaderName is not null && email.Headers.TryGetValue(HeaderName, out var header) ? header : null
        };
        if (value is null)
        {
            return false;
        }

        try
        {
            return MatchType switch
            {
                EmailRuleMatchType.Exact => string.Equals(value, Pattern, StringComparison.OrdinalIgnoreCase),
                EmailRuleMatchType.Contains => value.Contains(Pattern, StringComparison.OrdinalIgnoreCase),
                _ => _regex!.IsMatch(value)
            };
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static string GlobToRegex(string glob) =>
        "^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
}
