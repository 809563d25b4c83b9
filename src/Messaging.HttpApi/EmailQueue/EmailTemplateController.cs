using Messaging.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Messaging.EmailQueue;

/// <summary>
/// The tenant's own email templates, per event type: immutable numbered versions, the active one (or the shipped
/// default), rollback by activating an earlier version, reset, and previews. A change names the template's
/// <c>revision</c> it was made against as <c>expectedRevision</c> to be refused with 409 when someone changed it since.
/// </summary>
[ApiController]
[Route("api/app/email-template")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class EmailTemplateController(IEmailTemplateAppService templates) : ControllerBase
{
    /// <summary>Every event type with where its emails come from: <c>Default</c>, or <c>Custom</c> with the active version's number.</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<EmailTemplateSummaryDto>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<EmailTemplateSummaryDto>> GetListAsync(CancellationToken cancellationToken) => templates.GetListAsync(cancellationToken);

    /// <summary>One type's template: what it sends now, the shipped default, the variables its payload offers and its revision.</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("{type}")]
    [ProducesResponseType<EmailTemplateDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<EmailTemplateDto> GetAsync(string type, CancellationToken cancellationToken) => templates.GetAsync(type, cancellationToken);

    /// <summary>The kept versions, newest first (the oldest inactive ones are pruned beyond <c>EmailQueue:MaxTemplateVersions</c>).</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("{type}/versions")]
    [ProducesResponseType<IReadOnlyList<EmailTemplateVersionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<IReadOnlyList<EmailTemplateVersionDto>> GetVersionsAsync(string type, CancellationToken cancellationToken) =>
        templates.GetVersionsAsync(type, cancellationToken);

    /// <summary>One version; 404 for an id that is not a version of this tenant's template of the type.</summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpGet("{type}/versions/{versionId:guid}")]
    [ProducesResponseType<EmailTemplateVersionDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<EmailTemplateVersionDto> GetVersionAsync(string type, Guid versionId, CancellationToken cancellationToken) =>
        templates.GetVersionAsync(type, versionId, cancellationToken);

    /// <summary>
    /// Saves the content as the next version and activates it. 400 for an unknown type or a missing or too long part;
    /// 422 for a part that is not valid Liquid or names a variable the payload lacks (the problem names the part);
    /// 409 when <c>expectedRevision</c> is stale. Nothing is stored when it is refused.
    /// </summary>
    [Authorize(Policy = EmailQueuePermissions.Templates)]
    [HttpPost("{type}/versions")]
    [RequestSizeLimit(EmailQueueConsts.MaxTemplateRequestBodyBytes)]
    [ProducesResponseType<EmailTemplateDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<EmailTemplateDto> SaveAsync(string type, [FromBody] SaveEmailTemplateDto input, CancellationToken cancellationToken) =>
        templates.SaveAsync(type, input, cancellationToken);

    /// <summary>Makes a kept version the active one (a rollback); 404 for an id that is not a version of this tenant's template of the type.</summary>
    [Authorize(Policy = EmailQueuePermissions.Templates)]
    [HttpPost("{type}/versions/{versionId:guid}/activate")]
    [ProducesResponseType<EmailTemplateDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<EmailTemplateDto> ActivateAsync(string type, Guid versionId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ChangeEmailTemplateDto? input, CancellationToken cancellationToken) =>
        templates.ActivateAsync(type, versionId, input ?? new ChangeEmailTemplateDto(), cancellationToken);

    /// <summary>Sends the shipped default again; the versions are kept and can be activated later.</summary>
    [Authorize(Policy = EmailQueuePermissions.Templates)]
    [HttpPost("{type}/reset")]
    [ProducesResponseType<EmailTemplateDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<EmailTemplateDto> ResetAsync(string type, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ChangeEmailTemplateDto? input,
        CancellationToken cancellationToken) =>
        templates.ResetAsync(type, input ?? new ChangeEmailTemplateDto(), cancellationToken);

    /// <summary>
    /// Renders unsaved content (<c>subject</c> and <c>text</c>, <c>html</c> optional) or, without it, the active
    /// template, with <c>payload</c> (validated as on publishing: 400 naming the field) or the type's sample payload.
    /// 422 for a template that does not parse, names an unknown variable or fails to render. Stores nothing.
    /// </summary>
    [Authorize(Policy = EmailQueuePermissions.Default)]
    [HttpPost("{type}/preview")]
    [RequestSizeLimit(EmailQueueConsts.MaxTemplateRequestBodyBytes)]
    [ProducesResponseType<EmailPreviewDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public Task<EmailPreviewDto> PreviewAsync(string type, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PreviewEmailTemplateDto? input,
        CancellationToken cancellationToken) =>
        templates.PreviewAsync(type, input ?? new PreviewEmailTemplateDto(), cancellationToken);
}
