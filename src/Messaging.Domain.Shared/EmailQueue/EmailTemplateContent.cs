namespace Messaging.EmailQueue;

/// <summary>The three Liquid parts one event type is rendered from.</summary>
public sealed record EmailTemplateContent(string Subject, string Html, string Text);

/// <summary>The part of a template a problem is in.</summary>
public enum EmailTemplatePart
{
    Subject,
    Html,
    Text
}

/// <summary>Where an event type's template comes from: the one shipped, or the tenant's own.</summary>
public enum EmailTemplateSource
{
    Default,
    Custom
}
