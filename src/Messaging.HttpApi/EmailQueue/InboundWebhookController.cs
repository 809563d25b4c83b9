using Messaging.Authorization;
using Messaging.EmailQueue.Inbound;
using Messaging.ModelBinding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.EmailQueue;

/// <summary>
/// Where a tenant's email-routing worker asks what to do with an incoming email. Anonymous, because the worker has no API
/// key: the request is trusted only once its Standard Webhooks signature verifies with that worker's secret.
/// </summary>
[ApiController]
[Route("api/app/email-webhook")]
public sealed class InboundWebhookController(IInboundWebhookAppService webhooks) : ControllerBase
{
    /// <summary>
    /// Answers <c>{action, ruleId, target}</c> for the email in the body (<c>{from, to, subject, headers}</c>), signed with
    /// <c>webhook-id</c>, <c>webhook-timestamp</c> (within 5 minutes) and <c>webhook-signature</c>. The answer is stored before
    /// it is given; a repeated <c>webhook-id</c> gets the same answer again. Statistics, logs and the rest follow later.
    /// </summary>
    [AllowAnonymous]
    [HttpPost("{workerId:guid}")]
    [RawBody]
    [RequestSizeLimit(InboundEmailConsts.MaxWebhookBodyBytes)]
    [ProducesResponseType<InboundDecisionDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<InboundDecisionDto> ReceiveAsync(
        [FromRoute] Guid workerId,
        [FromHeader(Name = InboundEmailConsts.WebhookIdHeader)] string? webhookId,
        [FromHeader(Name = InboundEmailConsts.WebhookTimestampHeader)] string? webhookTimestamp,
        [FromHeader(Name = InboundEmailConsts.WebhookSignatureHeader)] string? webhookSignature,
        CancellationToken cancellationToken)
    {
        // The signature covers the exact bytes, so the body is read raw rather than bound.
        using var body = new MemoryStream();
        await Request.Body.CopyToAsync(body, cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in new[]
                 {
                     (InboundEmailConsts.WebhookIdHeader, webhookId), (InboundEmailConsts.WebhookTimestampHeader, webhookTimestamp),
                     (InboundEmailConsts.WebhookSignatureHeader, webhookSignature)
                 })
        {
            if (value is not null)
            {
                headers[name] = value;
            }
        }

        var answer = await webhooks.ReceiveAsync(new InboundWebhookRequestDto(workerId, body.GetBuffer().AsMemory(0, (int)body.Length), headers),
            cancellationToken);
        if (answer.AfterAnswer is { } afterAnswer)
        {
            // Phase 2 gets the email only once the answer is on its way, never before.
            Response.OnCompleted(() =>
            {
                afterAnswer();
                return Task.CompletedTask;
            });
        }

        return answer.Decision;
    }

    /// <summary>The tenant's answered emails by action, as phase 2 has counted them.</summary>
    [Authorize(Policy = MessagingPolicies.Tenant)]
    [Authorize(Policy = EmailQueuePermissions.Inbound)]
    [HttpGet("stats")]
    [ProducesResponseType<InboundStatsDto>(StatusCodes.Status200OK)]
    public Task<InboundStatsDto> GetStatsAsync(CancellationToken cancellationToken) => webhooks.GetStatsAsync(cancellationToken);

    /// <summary>This instance's phase-2 queue: queued, processing, processed, failed and dropped tasks, and the last flush.</summary>
    [Authorize(Policy = MessagingPolicies.HostAdmin)]
    [Authorize(Policy = EmailQueuePermissions.InboundOperations)]
    [HttpGet("async-queue/status")]
    [ProducesResponseType<InboundQueueStatusDto>(StatusCodes.Status200OK)]
    public InboundQueueStatusDto GetQueueStatus() => webhooks.GetQueueStatus();
}
