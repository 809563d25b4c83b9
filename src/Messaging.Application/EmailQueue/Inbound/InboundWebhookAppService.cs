using System.Diagnostics;
using System.Text.Json;
using Messaging.ExceptionHandling;
using Messaging.Json;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// Phase 1: the worker's rule set from the cache, the Standard Webhooks signature checked with its key in constant time,
/// the rules evaluated in order, the email and its answer committed (a repeated <c>webhook-id</c> finds the first answer
/// and does no new work), and the answer. Phase 2 gets the email only after the answer is written, through
/// <see cref="InboundWebhookAnswer.AfterAnswer"/>; in the <c>Direct</c> mode it runs here instead, reading the rules from
/// the database, as the seed did before.
/// </summary>
public sealed partial class InboundWebhookAppService(
    InboundRuleCache cache,
    InboundTaskProcessor processor,
    IInboundEmailStore store,
    ICurrentTenant currentTenant,
    IOptionsMonitor<InboundEmailOptions> options,
    InboundEmailMetrics metrics,
    TimeProvider clock,
    ILogger<InboundWebhookAppService> logger) : IInboundWebhookAppService
{
    private static readonly JsonSerializerOptions Json =
        MessagingJson.RefuseUnsafeText(MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    public async Task<InboundWebhookAnswer> ReceiveAsync(InboundWebhookRequestDto request, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.CurrentValue;
        var direct = settings.Phase2Mode == InboundPhase2Mode.Direct;
        var rules = (direct ? await cache.LoadAsync(request.WorkerId, cancellationToken) : await cache.GetAsync(request.WorkerId, cancellationToken))
                    ?? throw Refused("unknown_worker", new EntityNotFoundException("InboundWorker", request.WorkerId));
        if (!rules.Enabled)
        {
            throw Refused("disabled", new ForbiddenException("This inbound worker is disabled."));
        }

        var now = clock.GetUtcNow();
        var webhookId = Header(request, InboundEmailConsts.WebhookIdHeader);
        var check = WebhookSignature.VerifyStandard(rules.SigningKey, webhookId, Header(request, InboundEmailConsts.WebhookTimestampHeader),
            Header(request, InboundEmailConsts.WebhookSignatureHeader), request.Body.Span, now, settings.SignatureTolerance);
        if (check != WebhookSignatureCheck.Valid)
        {
            throw Refused("signature", new UnauthorizedException(MessagingErrorCodes.WebhookSignatureInvalid, check switch
            {
                WebhookSignatureCheck.MissingHeaders => "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
                WebhookSignatureCheck.TimestampOutOfTolerance => "The webhook-timestamp is too far from the current time.",
                _ => "The webhook-signature does not verify with this worker's secret."
            }));
        }

        var facts = ReadEmail(webhookId!, request.Body);
        var receivedAt = now.UtcDateTime;
        var decision = rules.Decide(facts, receivedAt);
        var email = new InboundEmail(Guid.CreateVersion7(), rules.TenantId, rules.WorkerId, webhookId!, facts, decision, receivedAt);
        InboundDecision? first;
        using (currentTenant.Change(rules.TenantId))
        {
            first = await store.TryInsertAsync(email, cancellationToken);
        }

        if (first is not null)
        {
            metrics.Duplicate();
            metrics.Statements("phase1", 1);
            return Answer(first, null, started, rules);
        }

        metrics.Answered(decision.Action);
        var pending = new InboundPendingEmail(
            new InboundWorkItem(email.Id, rules.TenantId, rules.WorkerId, facts.Sender, facts.Subject, decision, [], receivedAt), facts);
        if (direct)
        {
            await processor.ProcessNowAsync([pending], cancellationToken);
            return Answer(decision, null, started, rules);
        }

        return Answer(decision, () => processor.EnqueueAll(pending), started, rules);
    }

    public async Task<InboundStatsDto> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        _ = currentTenant.Id ?? throw new ForbiddenException("Inbound statistics belong to tenants: call with a tenant's API key.");
        var stats = await store.FindStatsAsync(cancellationToken);
        return stats is null ? new InboundStatsDto(0, 0, 0, 0) : new InboundStatsDto(stats.Forwarded, stats.Deleted, stats.Dropped, stats.Tagged);
    }

    public InboundQueueStatusDto GetQueueStatus() => processor.Status();

    private InboundWebhookAnswer Answer(InboundDecision decision, Action? afterAnswer, long started, InboundRuleSet rules)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Phase1(elapsed);
        metrics.Statements("phase1", 1);
        LogAnswered(logger, rules.TenantId, rules.WorkerId, decision.Action, decision.RuleId, elapsed.TotalMilliseconds);
        return new InboundWebhookAnswer(new InboundDecisionDto(decision.Action, decision.RuleId, decision.Target), afterAnswer);
    }

    private MessagingException Refused(string reason, MessagingException exception)
    {
        metrics.Refused(reason);
        return exception;
    }

    private static string? Header(InboundWebhookRequestDto request, string name) => request.Headers.TryGetValue(name, out var value) ? value : null;

    private static InboundEmailFacts ReadEmail(string webhookId, ReadOnlyMemory<byte> body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (webhookId.Length > InboundEmailConsts.MaxWebhookIdLength)
        {
            errors["webhook-id"] = [$"The webhook-id must be at most {InboundEmailConsts.MaxWebhookIdLength} characters."];
        }

        InboundWebhookEmailDto? email = null;
        try
        {
            email = JsonSerializer.Deserialize<InboundWebhookEmailDto>(body.Span, Json);
        }
        catch (JsonException)
        {
        }

        if (email is null)
        {
            errors["body"] = ["The body must be a JSON object with from, to, subject and headers."];
            throw new InputValidationException(errors);
        }

        Address(errors, "from", email.From);
        Address(errors, "to", email.To);
        if (email.Headers is { Count: > InboundEmailConsts.MaxHeaders })
        {
            errors["headers"] = [$"At most {InboundEmailConsts.MaxHeaders} headers."];
        }
        else if (email.Headers?.Any(h => h.Key.Length is 0 or > InboundEmailConsts.MaxHeaderNameLength) == true)
        {
            errors["headers"] = [$"Header names must have 1 to {InboundEmailConsts.MaxHeaderNameLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in email.Headers ?? [])
        {
            headers[name] = ForeignText.Bound(value, InboundEmailConsts.MaxHeaderValueLength) ?? "";
        }

        return new InboundEmailFacts(email.From!.Trim(), email.To!.Trim(), ForeignText.Bound(email.Subject, InboundEmailConsts.MaxSubjectLength) ?? "",
            headers);
    }

    private static void Address(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > EmailQueueConsts.MaxAddressLength)
        {
            errors[field] = [$"The {field} address is required, at most {EmailQueueConsts.MaxAddressLength} characters."];
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Phase 1 answered {Action} (rule {RuleId}) for worker {WorkerId} of tenant {TenantId} in {ElapsedMs:0.000} ms")]
    private static partial void LogAnswered(ILogger logger, Guid tenantId, Guid workerId, InboundEmailAction action, Guid? ruleId, double elapsedMs);
}
