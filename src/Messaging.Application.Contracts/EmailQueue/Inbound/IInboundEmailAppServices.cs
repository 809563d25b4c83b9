using Messaging.Dtos;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Phase 1 of an inbound email: verify the worker's signature, match the rules, store the answer, answer.</summary>
public interface IInboundWebhookAppService
{
    Task<InboundWebhookAnswer> ReceiveAsync(InboundWebhookRequestDto request, CancellationToken cancellationToken = default);

    Task<InboundStatsDto> GetStatsAsync(CancellationToken cancellationToken = default);

    InboundQueueStatusDto GetQueueStatus();
}

/// <summary>The current tenant's inbound workers.</summary>
public interface IInboundWorkerAppService
{
    Task<IReadOnlyList<InboundWorkerDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<InboundWorkerDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<InboundWorkerSecretDto> CreateAsync(SetInboundWorkerDto input, CancellationToken cancellationToken = default);

    Task<InboundWorkerDto> UpdateAsync(Guid id, SetInboundWorkerDto input, CancellationToken cancellationToken = default);

    Task<InboundWorkerSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's email rules; every change reaches the rule cache of every instance at once.</summary>
public interface IEmailRuleAppService
{
    Task<PagedResultDto<EmailRuleDto>> GetListAsync(GetEmailRulesInput input, CancellationToken cancellationToken = default);

    Task<EmailRuleDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<EmailRuleDto> CreateAsync(SetEmailRuleDto input, CancellationToken cancellationToken = default);

    Task<EmailRuleDto> UpdateAsync(Guid id, SetEmailRuleDto input, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    Task<PagedResultDto<EmailRuleAuditDto>> GetAuditAsync(GetEmailRuleAuditInput input, CancellationToken cancellationToken = default);

    RuleCacheStatsDto GetCacheStats();
}
