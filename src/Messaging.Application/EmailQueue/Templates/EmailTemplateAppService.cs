using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Users;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Templates;

/// <summary>
/// The tenant's own templates. A save is checked as a send would use it (<see cref="EmailTemplateEngine.Parse"/>: 422,
/// nothing stored), becomes the next version and is active at once; activation rolls back to any kept version, a reset
/// returns to the shipped default. Each change is audited and, once committed, dropped from every instance's cache.
/// </summary>
public sealed class EmailTemplateAppService(
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    IEmailTemplateRepository templates,
    EmailRenderer renderer,
    EmailQueueAuditLog audit,
    IUnitOfWork unitOfWork,
    IOptionsMonitor<EmailQueueOptions> options,
    TimeProvider clock) : IEmailTemplateAppService
{
    public async Task<IReadOnlyList<EmailTemplateSummaryDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var stored = (await templates.ListAsync(cancellationToken)).ToDictionary(t => t.Type);
        return Enum.GetValues<EmailEventType>().Select(type => stored.TryGetValue(type, out var template)
                ? new EmailTemplateSummaryDto(type, SourceOf(template), template.ActiveNumber, template.Revision, template.UpdatedAt)
                : new EmailTemplateSummaryDto(type, EmailTemplateSource.Default, null, 0, null))
            .ToList();
    }

    public async Task<EmailTemplateDto> GetAsync(string type, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var eventType = EmailTemplateTypes.Parse(type);
        return ToDto(eventType, await templates.FindAsync(eventType, cancellationToken));
    }

    public async Task<IReadOnlyList<EmailTemplateVersionDto>> GetVersionsAsync(string type, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var template = await templates.FindAsync(EmailTemplateTypes.Parse(type), cancellationToken);
        return template is null ? [] : template.Versions.OrderByDescending(v => v.Number).Select(v => ToDto(template, v)).ToList();
    }

    public async Task<EmailTemplateVersionDto> GetVersionAsync(string type, Guid versionId, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var template = await templates.FindAsync(EmailTemplateTypes.Parse(type), cancellationToken);
        var version = template?.Versions.SingleOrDefault(v => v.Id == versionId) ?? throw VersionNotFound(versionId);
        return ToDto(template!, version);
    }

    public async Task<EmailTemplateDto> SaveAsync(string type, SaveEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var eventType = EmailTemplateTypes.Parse(type);
        var content = EmailTemplateTypes.Content(input.Subject, input.Text, input.Html);
        EmailTemplateEngine.Parse(eventType, content);
        var template = await unitOfWork.RunAsync(async token =>
        {
            var found = await templates.FindAsync(eventType, token);
            if (found is null)
            {
                found = new EmailTemplate(Guid.CreateVersion7(), tenantId, eventType);
                templates.Add(found);
            }

            found.RequireRevision(input.ExpectedRevision);
            var (saved, pruned) = found.Save(Guid.CreateVersion7(), content, currentUser.Id, currentUser.Name, clock.GetUtcNow().UtcDateTime,
                options.CurrentValue.MaxTemplateVersions);
            templates.RemoveVersions(pruned);
            audit.Record(tenantId, EmailQueueAuditSubjects.Template, saved.Id, EmailQueueAuditChange.Created,
                new { type = eventType, version = saved.Number, saved.Subject, saved.Text, saved.Html, pruned = pruned.Select(v => v.Number).ToList() });
            return found;
        }, cancellationToken);
        await renderer.ForgetAsync(eventType, cancellationToken);
        return ToDto(eventType, template);
    }

    public async Task<EmailTemplateDto> ActivateAsync(string type, Guid versionId, ChangeEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var eventType = EmailTemplateTypes.Parse(type);
        var template = await unitOfWork.RunAsync(async token =>
        {
            var found = await templates.FindAsync(eventType, token) ?? throw VersionNotFound(versionId);
            found.RequireRevision(input.ExpectedRevision);
            var version = found.Activate(versionId, clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.Template, versionId, EmailQueueAuditChange.Activated, new { type = eventType, version = version.Number });
            return found;
        }, cancellationToken);
        await renderer.ForgetAsync(eventType, cancellationToken);
        return ToDto(eventType, template);
    }

    public async Task<EmailTemplateDto> ResetAsync(string type, ChangeEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var eventType = EmailTemplateTypes.Parse(type);
        var template = await unitOfWork.RunAsync(async token =>
        {
            var found = await templates.FindAsync(eventType, token);
            if (found is null)
            {
                // Already the default: nothing to change or audit, but a stale expectation is still refused.
                if (input.ExpectedRevision is { } expected && expected != 0)
                {
                    throw new ConflictException($"The {eventType} template is at revision 0, not {expected}: it changed since it was read.");
                }

                return null;
            }

            found.RequireRevision(input.ExpectedRevision);
            found.Reset(clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.Template, found.Id, EmailQueueAuditChange.Reset, new { type = eventType });
            return found;
        }, cancellationToken);
        await renderer.ForgetAsync(eventType, cancellationToken);
        return ToDto(eventType, template);
    }

    public async Task<EmailPreviewDto> PreviewAsync(string type, PreviewEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var eventType = EmailTemplateTypes.Parse(type);
        var unsaved = input.Subject is not null || input.Text is not null || input.Html is not null;
        var payload = input.Payload is null ? DefaultEmailTemplates.SampleOf(eventType) : ReadPayload(eventType, input);
        ParsedEmailTemplate template;
        EmailTemplateSource source;
        if (unsaved)
        {
            template = EmailTemplateEngine.Parse(eventType, EmailTemplateTypes.Content(input.Subject, input.Text, input.Html));
            source = EmailTemplateSource.Custom;
        }
        else
        {
            var active = await renderer.ActiveAsync(eventType, cancellationToken);
            template = active?.Parsed ?? EmailRenderer.DefaultOf(eventType);
            source = active is null ? EmailTemplateSource.Default : EmailTemplateSource.Custom;
        }

        var rendered = await RenderAsync(template, payload);
        return new EmailPreviewDto(rendered.Subject, rendered.Text, rendered.Html.Length == 0 ? null : rendered.Html, source);
    }

    /// <summary>A template that parses may still fail on a payload (a loop past the step bound): the preview says so as a send would.</summary>
    private static async Task<RenderedEmail> RenderAsync(ParsedEmailTemplate template, EmailPayload payload)
    {
        try
        {
            return await EmailTemplateEngine.RenderAsync(template, payload);
        }
        catch (Exception failure) when (failure is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new UnprocessableRequestException(EmailQueueErrorCodes.TemplateRenderFailed, $"The template did not render: {failure.Message}");
        }
    }

    private static EmailPayload ReadPayload(EmailEventType type, PreviewEmailTemplateDto input)
    {
        var payload = EmailPayloadJson.Read(type, input.Payload!);
        var errors = payload.Validate();
        return errors.Count > 0 ? throw new InputValidationException(errors) : payload;
    }

    private static EmailTemplateDto ToDto(EmailEventType type, EmailTemplate? template)
    {
        var active = template?.Active;
        var shipped = DefaultEmailTemplates.For(type);
        return new EmailTemplateDto(
            type,
            active is null ? EmailTemplateSource.Default : EmailTemplateSource.Custom,
            active is null ? null : ToDto(template!, active),
            active is null ? ToDto(shipped) : new EmailTemplateContentDto(active.Subject, active.Text, active.Html),
            ToDto(shipped),
            EmailTemplateTypes.VariablesOf(type),
            template?.Revision ?? 0);
    }

    private static EmailTemplateContentDto ToDto(EmailTemplateContent content) => new(content.Subject, content.Text, content.Html);

    private static EmailTemplateVersionDto ToDto(EmailTemplate template, EmailTemplateVersion version) =>
        new(version.Id, version.Number, version.Number == template.ActiveNumber, version.Subject, version.Text, version.Html, version.SavedBy,
            version.SavedByName, version.SavedAt);

    private static EmailTemplateSource SourceOf(EmailTemplate template) =>
        template.ActiveNumber is null ? EmailTemplateSource.Default : EmailTemplateSource.Custom;

    private static EntityNotFoundException VersionNotFound(Guid id) => new(nameof(EmailTemplateVersion), id);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Email templates belong to tenants: call with a tenant's API key.");
}
