using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

public sealed class InboundWorkerAppService(
    ICurrentTenant currentTenant,
    IInboundWorkerRepository workers,
    EmailQueueAuditLog audit,
    ISecretProtector protector,
    IUnitOfWork unitOfWork,
    InboundRuleCache cache,
    TimeProvider clock) : IInboundWorkerAppService
{
    public async Task<IReadOnlyList<InboundWorkerDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return (await workers.ListAsync(cancellationToken)).Select(ToDto).ToList();
    }

    public async Task<InboundWorkerDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return ToDto(await workers.FindAsync(id, cancellationToken) ?? throw NotFound(id));
    }

    public async Task<InboundWorkerSecretDto> CreateAsync(SetInboundWorkerDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        InboundAdminValidation.Validate(input);
        var secret = InboundWorkerSecret.New();
        var worker = await unitOfWork.RunAsync(_ =>
        {
            var created = new InboundWorker(Guid.CreateVersion7(), tenantId, input.Name!.Trim(), protector.Protect(secret),
                input.DefaultAction ?? InboundEmailAction.Forward, NullIfEmpty(input.DefaultTarget), input.Enabled ?? true, clock.GetUtcNow().UtcDateTime);
            workers.Add(created);
            audit.Record(tenantId, EmailQueueAuditSubjects.Worker, created.Id, EmailQueueAuditChange.Created, ToDto(created));
            return Task.FromResult(created);
        }, cancellationToken);
        return new InboundWorkerSecretDto(ToDto(worker), secret);
    }

    public async Task<InboundWorkerDto> UpdateAsync(Guid id, SetInboundWorkerDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        InboundAdminValidation.Validate(input);
        var worker = await unitOfWork.RunAsync(async token =>
        {
            var found = await workers.FindAsync(id, token) ?? throw NotFound(id);
            found.Change(input.Name!.Trim(), input.DefaultAction ?? found.DefaultAction, NullIfEmpty(input.DefaultTarget), input.Enabled ?? found.Enabled,
                clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.Worker, id, EmailQueueAuditChange.Updated, ToDto(found));
            return found;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
        return ToDto(worker);
    }

    public async Task<InboundWorkerSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var secret = InboundWorkerSecret.New();
        var worker = await unitOfWork.RunAsync(async token =>
        {
            var found = await workers.FindAsync(id, token) ?? throw NotFound(id);
            found.RotateSecret(protector.Protect(secret), clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.Worker, id, EmailQueueAuditChange.SecretRotated, ToDto(found));
            return found;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
        return new InboundWorkerSecretDto(ToDto(worker), secret);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        await unitOfWork.RunAsync(async token =>
        {
            workers.Remove(await workers.FindAsync(id, token) ?? throw NotFound(id));
            audit.Record(tenantId, EmailQueueAuditSubjects.Worker, id, EmailQueueAuditChange.Deleted, null);
            return true;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
    }

    private static InboundWorkerDto ToDto(InboundWorker worker) =>
        new(worker.Id, worker.Name, worker.DefaultAction, worker.DefaultTarget, worker.Enabled, worker.CreatedAt, worker.UpdatedAt);

    private static EntityNotFoundException NotFound(Guid id) => new("InboundWorker", id);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Inbound workers belong to tenants: call with a tenant's API key.");
}

public sealed class EmailRuleAppService(
    ICurrentTenant currentTenant,
    IEmailRuleRepository rules,
    IInboundWorkerRepository workers,
    EmailQueueAuditLog audit,
    IUnitOfWork unitOfWork,
    InboundRuleCache cache,
    IOptionsMonitor<InboundEmailOptions> options,
    TimeProvider clock) : IEmailRuleAppService
{
    public async Task<PagedResultDto<EmailRuleDto>> GetListAsync(GetEmailRulesInput input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var (total, page) = await rules.ListAsync(input.Kind, input.WorkerId, Math.Max(0, input.SkipCount), Math.Clamp(input.MaxResultCount, 1, 1000),
            cancellationToken);
        return new PagedResultDto<EmailRuleDto>(total, page.Select(ToDto).ToList());
    }

    public async Task<EmailRuleDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return ToDto(await rules.FindAsync(id, cancellationToken) ?? throw NotFound(id));
    }

    public async Task<EmailRuleDto> CreateAsync(SetEmailRuleDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var kind = input.Kind ?? EmailRuleKind.Filter;
        if (kind == EmailRuleKind.Dynamic)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["kind"] = ["Dynamic rules are made by the platform: Filter or Watch."] });
        }

        InboundAdminValidation.Validate(input, kind, options.CurrentValue.RegexMatchTimeout);
        var rule = await unitOfWork.RunAsync(async token =>
        {
            await RequireWorkerAsync(input.WorkerId, token);
            if (await rules.CountAsync(token) >= InboundEmailConsts.MaxRulesPerTenant)
            {
                throw new UnprocessableRequestException(MessagingErrorCodes.TooManyRules,
                    $"A tenant has at most {InboundEmailConsts.MaxRulesPerTenant} rules; delete some first.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var created = new EmailRule(Guid.CreateVersion7(), tenantId, kind, now);
            created.Change(Definition(input, null), now);
            rules.Add(created);
            audit.Record(tenantId, EmailQueueAuditSubjects.Rule, created.Id, EmailQueueAuditChange.Created, ToDto(created));
            return created;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
        return ToDto(rule);
    }

    public async Task<EmailRuleDto> UpdateAsync(Guid id, SetEmailRuleDto input, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var rule = await unitOfWork.RunAsync(async token =>
        {
            var found = await rules.FindAsync(id, token) ?? throw NotFound(id);
            InboundAdminValidation.Validate(input, found.Kind, options.CurrentValue.RegexMatchTimeout);
            await RequireWorkerAsync(input.WorkerId, token);
            found.Change(Definition(input, found.ExpiresAt), clock.GetUtcNow().UtcDateTime);
            audit.Record(tenantId, EmailQueueAuditSubjects.Rule, id, EmailQueueAuditChange.Updated, ToDto(found));
            return found;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
        return ToDto(rule);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        await unitOfWork.RunAsync(async token =>
        {
            rules.Remove(await rules.FindAsync(id, token) ?? throw NotFound(id));
            audit.Record(tenantId, EmailQueueAuditSubjects.Rule, id, EmailQueueAuditChange.Deleted, null);
            return true;
        }, cancellationToken);
        await cache.TenantChangedAsync(tenantId, cancellationToken);
    }

    public async Task<PagedResultDto<EmailRuleAuditDto>> GetAuditAsync(GetEmailRuleAuditInput input, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var (total, page) = await audit.ListAsync([EmailQueueAuditSubjects.Rule, EmailQueueAuditSubjects.Worker], Math.Max(0, input.SkipCount),
            Math.Clamp(input.MaxResultCount, 1, 1000), cancellationToken);
        return new PagedResultDto<EmailRuleAuditDto>(total, page.Select(a =>
            new EmailRuleAuditDto(a.Id, a.Subject, a.SubjectId!.Value, a.Change.ToString(), a.ChangedBy, a.ChangedByName, a.State, a.At)).ToList());
    }

    public RuleCacheStatsDto GetCacheStats() => cache.Stats();

    private async Task RequireWorkerAsync(Guid? workerId, CancellationToken cancellationToken)
    {
        if (workerId is { } id && await workers.FindAsync(id, cancellationToken) is null)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["workerId"] = ["No inbound worker of this tenant has this id."] });
        }
    }

    private static EmailRuleDefinition Definition(SetEmailRuleDto input, DateTime? expiresAt) =>
        new(input.WorkerId, input.Name!.Trim(), input.Field!.Value, input.HeaderName?.Trim(), input.MatchType!.Value, input.Pattern!,
            input.Action ?? InboundEmailAction.Tag, string.IsNullOrWhiteSpace(input.Target) ? null : input.Target.Trim(), input.Order ?? 0,
            input.Enabled ?? true, input.AlertThreshold, expiresAt);

    private static EmailRuleDto ToDto(EmailRule r) =>
        new(r.Id, r.Kind, r.WorkerId, r.Name, r.Field, r.HeaderName, r.MatchType, r.Pattern, r.Action, r.Target, r.Order, r.Enabled,
            r.AlertThreshold, r.ExpiresAt, r.ProcessedCount, r.DeletedCount, r.HitCount, r.LastHitAt, r.CreatedAt, r.UpdatedAt);

    private static EntityNotFoundException NotFound(Guid id) => new("EmailRule", id);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Email rules belong to tenants: call with a tenant's API key.");
}
