using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.EmailQueue;

public sealed class EmailEventAppService(
    ICurrentTenant currentTenant,
    EmailQueueOwner owner,
    EmailEventPublishing publishing,
    IEmailEventRepository repository,
    TimeProvider clock) : IEmailEventAppService
{
    public Task<EmailEventAcceptedDto> PublishAsync(PublishEmailEventDto input, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return publishing.PublishAsync(ReadPayload(input), idempotencyKey, cancellationToken);
    }

    public async Task<EmailEventDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var scope = owner.Enter();
        var emailEvent = await repository.FindWithAttemptsAsync(id, cancellationToken) ?? throw new EntityNotFoundException("EmailEvent", id);
        return EmailEventMapping.ToDto(emailEvent);
    }

    public async Task<EmailQueueStatusDto> GetQueueStatusAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var types = owner.IsHost
            ? await repository.GetQueueStatusOfEveryTenantAsync(now, cancellationToken)
            : await repository.GetQueueStatusAsync(now, cancellationToken);
        return new EmailQueueStatusDto(now, types.Select(t => new EmailQueueTypeStatusDto(t.Type, t.Waiting, t.Scheduled, t.InFlight, t.DeadLetters,
            t.OldestWaitingAcceptedAt is { } oldest ? Math.Max(0, Math.Round((now - oldest).TotalSeconds)) : 0,
            t.TenantId == EmailQueueConsts.HostMailTenantId ? null : t.TenantId)).ToList());
    }

    /// <summary>The payload as the contract of its type; what does not fit that contract is a 400 naming the field.</summary>
    private static EmailPayload ReadPayload(PublishEmailEventDto input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.Type is null)
        {
            errors["type"] = [$"The type is required: one of {string.Join(", ", Enum.GetNames<EmailEventType>())}."];
        }

        if (input.Payload is null)
        {
            errors["payload"] = ["The payload is required."];
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return EmailPayloadJson.Read(input.Type!.Value, input.Payload!);
    }

    private void RequireTenant()
    {
        if (currentTenant.Id is null)
        {
            throw new ForbiddenException("Email events belong to tenants: call with a tenant's API key.");
        }
    }
}
