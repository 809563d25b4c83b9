namespace Messaging.EmailQueue.Inbound;

/// <summary>What the email-routing worker does with the email it asked about.</summary>
public enum InboundEmailAction
{
    Forward,
    Delete,
    Drop,
    Tag
}

/// <summary>
/// A filter rule decides the answer; a watch rule only counts the emails it matches (and may raise an alert); a dynamic
/// rule is a filter rule the platform created because a subject repeated, and expires.
/// </summary>
public enum EmailRuleKind
{
    Filter,
    Watch,
    Dynamic
}

/// <summary>The part of the email a rule looks at; <see cref="Header"/> names the header in the rule.</summary>
public enum EmailRuleField
{
    Sender,
    Recipient,
    Subject,
    Header
}

/// <summary>How a rule's pattern is compared, always without case.</summary>
public enum EmailRuleMatchType
{
    Exact,
    Contains,

    /// <summary><c>*</c> any run of characters, <c>?</c> one character.</summary>
    Glob,

    /// <summary>A .NET regular expression, run with <c>EmailQueue:Inbound:RegexMatchTimeout</c>.</summary>
    Regex
}

/// <summary>How phase 2 runs: batched after the answer (the default), or inline before it (the seed's "before", for comparison).</summary>
public enum InboundPhase2Mode
{
    Batched,
    Direct
}

/// <summary>The kinds of work phase 2 does for every email; each kind is written with one statement per batch.</summary>
public enum InboundTaskType
{
    Stats,
    Log,
    Watch,
    Dynamic,
    Campaign,
    Monitoring
}
