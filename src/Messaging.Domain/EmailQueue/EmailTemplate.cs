using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue;

/// <summary>
/// A tenant's own template for one event type: its saved versions, numbered from 1 and never changed, and which of them
/// is active (none: the shipped default). Every change counts a revision, which a caller may name to refuse
/// overwriting a change it has not seen, and which is the row's concurrency token, so two racing changes cannot both commit.
/// </summary>
public sealed class EmailTemplate
{
    private readonly List<EmailTemplateVersion> _versions = [];

    private EmailTemplate()
    {
    }

    public EmailTemplate(Guid id, Guid tenantId, EmailEventType type)
    {
        Id = id;
        TenantId = tenantId;
        Type = type;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public EmailEventType Type { get; private set; }

    /// <summary>The number of the version the tenant's emails render with; null while it sends the shipped default.</summary>
    public int? ActiveNumber { get; private set; }

    /// <summary>The highest number saved so far; numbers are never reused, also after older versions were pruned.</summary>
    public int LastNumber { get; private set; }

    /// <summary>Counts every save, activation and reset.</summary>
    public int Revision { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    public IReadOnlyList<EmailTemplateVersion> Versions => _versions;

    public EmailTemplateVersion? Active => _versions.SingleOrDefault(v => v.Number == ActiveNumber);

    /// <summary>Adds the content as the next version and activates it; beyond <paramref name="maxVersions"/> the oldest inactive versions go.</summary>
    /// <returns>The new version and the versions pruned (the caller removes them from the store).</returns>
    public (EmailTemplateVersion Saved, IReadOnlyList<EmailTemplateVersion> Pruned) Save(Guid versionId, EmailTemplateContent content, Guid? savedBy,
        string? savedByName, DateTime now, int maxVersions)
    {
        var version = new EmailTemplateVersion(versionId, Id, TenantId, ++LastNumber, content, savedBy, savedByName, now);
        _versions.Add(version);
        Changed(version.Number, now);
        var pruned = _versions.Where(v => v.Number != ActiveNumber).OrderBy(v => v.Number).Take(Math.Max(0, _versions.Count - maxVersions)).ToList();
        _versions.RemoveAll(pruned.Contains);
        return (version, pruned);
    }

    /// <summary>Makes an earlier (or the latest) version the one emails render with: a rollback that keeps every version.</summary>
    /// <exception cref="EntityNotFoundException">The template has no version with this id.</exception>
    public EmailTemplateVersion Activate(Guid versionId, DateTime now)
    {
        var version = _versions.SingleOrDefault(v => v.Id == versionId) ?? throw new EntityNotFoundException(nameof(EmailTemplateVersion), versionId);
        Changed(version.Number, now);
        return version;
    }

    /// <summary>Sends the shipped default again; the saved versions stay, so one can be activated later.</summary>
    public void Reset(DateTime now) => Changed(null, now);

    /// <exception cref="ConflictException">The caller expected a revision another change has passed.</exception>
    public void RequireRevision(int? expected)
    {
        if (expected is { } revision && revision != Revision)
        {
            throw new ConflictException(
                $"The {Type} template is at revision {Revision}, not {revision}: it changed since it was read. Read it again and retry.");
        }
    }

    private void Changed(int? activeNumber, DateTime now)
    {
        ActiveNumber = activeNumber;
        Revision++;
        UpdatedAt = now;
    }
}

/// <summary>One saved version of a tenant's template: what was saved, by whom and when. It never changes.</summary>
public sealed class EmailTemplateVersion
{
    private EmailTemplateVersion()
    {
    }

    public EmailTemplateVersion(Guid id, Guid templateId, Guid tenantId, int number, EmailTemplateContent content, Guid? savedBy, string? savedByName,
        DateTime savedAt)
    {
        Id = id;
        TemplateId = templateId;
        TenantId = tenantId;
        Number = number;
        Subject = content.Subject;
        Text = content.Text;
        Html = string.IsNullOrEmpty(content.Html) ? null : content.Html;
        SavedBy = savedBy;
        SavedByName = savedByName;
        SavedAt = savedAt;
    }

    public Guid Id { get; private set; }

    public Guid TemplateId { get; private set; }

    public Guid TenantId { get; private set; }

    public int Number { get; private set; }

    public string Subject { get; private set; } = "";

    public string Text { get; private set; } = "";

    /// <summary>Null: the email is sent as plain text only.</summary>
    public string? Html { get; private set; }

    public Guid? SavedBy { get; private set; }

    public string? SavedByName { get; private set; }

    public DateTime SavedAt { get; private set; }

    public EmailTemplateContent Content => new(Subject, Html ?? "", Text);
}
