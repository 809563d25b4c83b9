using System.Buffers;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.CircuitBreaking;

public sealed class CircuitAppService(ICircuitBreaker breaker, ICurrentTenant currentTenant, ITenantStore tenants) : ICircuitAppService
{
    private static readonly SearchValues<char> ProviderCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.");

    public async Task<IReadOnlyList<CircuitDto>> GetListAsync(Guid? tenantId = null, CancellationToken cancellationToken = default)
    {
        if (currentTenant.Id is { } ownTenant)
        {
            if (tenantId is { } named && named != ownTenant)
            {
                // Another tenant's circuits do not exist for this caller.
                throw new EntityNotFoundException("Tenant", named);
            }

            tenantId = ownTenant;
        }

        var circuits = await breaker.ListAsync(cancellationToken);
        return circuits
            .Where(circuit => tenantId is null || circuit.Key.TenantId == tenantId)
            .OrderBy(circuit => circuit.Key.TenantId)
            .ThenBy(circuit => circuit.Key.Provider, StringComparer.Ordinal)
            .Select(ToDto)
            .ToList();
    }

    public async Task<CircuitDto> ForceOpenAsync(string provider, Guid tenantId, CancellationToken cancellationToken = default) =>
        ToDto(await breaker.ForceOpenAsync(await KeyOfAsync(provider, tenantId, cancellationToken), cancellationToken));

    public async Task<CircuitDto> ResetAsync(string provider, Guid tenantId, CancellationToken cancellationToken = default) =>
        ToDto(await breaker.ResetAsync(await KeyOfAsync(provider, tenantId, cancellationToken), cancellationToken));

    /// <summary>Only the host admin changes circuits, of tenants that exist, for provider names a sender could have.</summary>
    private async Task<CircuitKey> KeyOfAsync(string provider, Guid tenantId, CancellationToken cancellationToken)
    {
        if (currentTenant.IsAvailable)
        {
            throw new ForbiddenException("Only the host admin can force a circuit open or reset it.");
        }

        var name = provider.Trim().ToLowerInvariant();
        if (name.Length is 0 or > CircuitConsts.MaxNameLength || name.AsSpan().ContainsAnyExcept(ProviderCharacters))
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["provider"] = [$"A provider name has 1 to {CircuitConsts.MaxNameLength} letters, digits, '-', '_' or '.'."]
            });
        }

        if (await tenants.FindAsync(tenantId, cancellationToken) is null)
        {
            throw new EntityNotFoundException("Tenant", tenantId);
        }

        return new CircuitKey(name, tenantId);
    }

    private static CircuitDto ToDto(CircuitSnapshot circuit) => new(circuit.Key.Provider, circuit.Key.TenantId, circuit.State,
        circuit.ConsecutiveFailures, circuit.OpenedAt, circuit.NextProbeAt, circuit.ForcedOpen);
}
