using System.Text.Json.Nodes;

namespace Messaging.EmailQueue;

/// <summary>Where one event type's emails come from: <c>default</c> (the shipped template) or <c>custom</c> with the active version.</summary>
public sealed record EmailTemplateSummaryDto(EmailEventType Type, EmailTemplateSource Source, int? ActiveVersion, int Revision, DateTime? UpdatedAt);

/// <summary>The three parts of a template; <c>html</c> is null or empty for a plain-text email.</summary>
public sealed record EmailTemplateContentDto(string Subject, string Text, string? Html);

/// <summary>
/// One event type's template: what it sends now (the active version or the default), the shipped default beside it,
/// and the variables its payload offers. <c>revision</c> counts every change; name it as <c>expectedRevision</c> to
/// have a change refused (409) when someone else changed the template since.
/// </summary>
public sealed record EmailTemplateDto(
    EmailEventType Type,
    EmailTemplateSource Source,
    EmailTemplateVersionDto? ActiveVersion,
    EmailTemplateContentDto Content,
    EmailTemplateContentDto Default,
    IReadOnlyList<string> Variables,
    int Revision);

public sealed record EmailTemplateVersionDto(
    Guid Id,
    int Number,
    bool Active,
    string Subject,
    string Text,
    string? Html,
    Guid? SavedBy,
    string? SavedByName,
    DateTime SavedAt);

public sealed class SaveEmailTemplateDto
{
    public string? Subject { get; set; }

    public string? Text { get; set; }

    /// <summary>Optional: without it the email is plain text only.</summary>
    public string? Html { get; set; }

    /// <summary>The template's revision the change was made against (from a GET); a change made meanwhile answers 409. Without it, the change applies to whatever is current.</summary>
    public int? ExpectedRevision { get; set; }
}

public sealed class ChangeEmailTemplateDto
{
    /// <inheritdoc cref="SaveEmailTemplateDto.ExpectedRevision"/>
    public int? ExpectedRevision { get; set; }
}

/// <summary>
/// What to preview: unsaved content (subject and text, html optional) or, without it, the active template; rendered
/// with <c>payload</c> (validated as when publishing) or, without it, the type's sample payload.
/// </summary>
public sealed class PreviewEmailTemplateDto
{
    public string? Subject { get; set; }

    public string? Text { get; set; }

    public string? Html { get; set; }

    public JsonObject? Payload { get; set; }
}

/// <summary>A rendered email; <c>html</c> is null for a plain-text one.</summary>
public sealed record EmailPreviewDto(string Subject, string Text, string? Html, EmailTemplateSource Source);
