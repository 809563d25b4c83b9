namespace Messaging.EmailQueue;

/// <summary>What one reply code (<c>421</c>, <c>4xx</c>) or enhanced status code (<c>5.1.1</c>, <c>5.7.x</c>) means.</summary>
/// <param name="Suppresses">The address does not exist: later events to it end Suppressed without a call.</param>
public sealed record SmtpClassificationRule(string Code, EmailErrorClass Class, bool Suppresses = false);

/// <summary>The verdict on one failed send.</summary>
public sealed record SmtpClassification(EmailErrorClass Class, bool Suppresses);

/// <summary>
/// Decides what a failed send means from the SMTP reply code and the RFC 3463 enhanced status code, by a table: the most
/// specific entry wins, in the order exact enhanced code, exact reply code, enhanced class and subject (<c>5.7.x</c>),
/// reply class (<c>4xx</c>). A connection, TLS or timeout failure (no reply) is transient. Entries of
/// <c>EmailQueue:Classification</c> (code = class) replace or add to the defaults.
/// </summary>
public sealed class SmtpErrorClassifier
{
    public static readonly IReadOnlyList<SmtpClassificationRule> Defaults =
    [
        new("5.1.1", EmailErrorClass.Permanent, Suppresses: true),
        new("5.1.10", EmailErrorClass.Permanent, Suppresses: true),
        new("5.2.1", EmailErrorClass.Permanent),
        new("5.2.2", EmailErrorClass.Transient),
        new("5.7.1", EmailErrorClass.Permanent),
        new("4.4.5", EmailErrorClass.Throttled),
        new("4.7.0", EmailErrorClass.Throttled),
        new("421", EmailErrorClass.Throttled),
        new("451", EmailErrorClass.Throttled),
        new("450", EmailErrorClass.Transient),
        new("452", EmailErrorClass.Transient),
        new("550", EmailErrorClass.Permanent),
        new("552", EmailErrorClass.Permanent),
        new("553", EmailErrorClass.Permanent),
        new("554", EmailErrorClass.Permanent),
        new("4.x.x", EmailErrorClass.Transient),
        new("5.x.x", EmailErrorClass.Permanent),
        new("5.7.x", EmailErrorClass.Permanent),
        new("4xx", EmailErrorClass.Transient),
        new("5xx", EmailErrorClass.Permanent)
    ];

    private readonly Dictionary<string, SmtpClassificationRule> _rules;

    public SmtpErrorClassifier(IEnumerable<SmtpClassificationRule>? overrides = null)
    {
        _rules = Defaults.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var rule in overrides ?? [])
        {
            _rules[rule.Code] = rule;
        }
    }

    public SmtpClassification Classify(EmailSendResult result)
    {
        if (result.ConnectionFailed || result.ReplyCode is not { } reply)
        {
            return new SmtpClassification(EmailErrorClass.Transient, false);
        }

        var enhanced = result.EnhancedCode?.Split('.') is { Length: 3 } ? result.EnhancedCode : null;
        var candidates = new List<string>(4);
        if (enhanced is not null)
        {
            candidates.Add(enhanced);
        }

        candidates.Add(reply.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (enhanced is not null)
        {
            var parts = enhanced.Split('.');
            candidates.Add($"{parts[0]}.{parts[1]}.x");
            candidates.Add($"{parts[0]}.x.x");
        }

        candidates.Add($"{reply / 100}xx");
        foreach (var candidate in candidates)
        {
            if (_rules.TryGetValue(candidate, out var rule))
            {
                return new SmtpClassification(rule.Class, rule.Suppresses);
            }
        }

        // 2xx and 3xx are not failures a server should end a send with; try again rather than lose the message.
        return new SmtpClassification(EmailErrorClass.Transient, false);
    }
}
