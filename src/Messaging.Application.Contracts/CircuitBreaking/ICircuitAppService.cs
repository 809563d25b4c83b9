namespace Messaging.CircuitBreaking;

/// <summary>
/// The circuits of provider calls: a tenant sees its own; the host admin sees all of them and can force one open (a
/// provider's maintenance window) or reset it.
/// </summary>
public interface ICircuitAppService
{
    /// <param name="tenantId">The host admin's optional filter; a tenant may only name itself.</param>
    Task<IReadOnlyList<CircuitDto>> GetListAsync(Guid? tenantId = null, CancellationToken cancellationToken = default);

    Task<CircuitDto> ForceOpenAsync(string provider, Guid tenantId, CancellationToken cancellationToken = default);

    Task<CircuitDto> ResetAsync(string provider, Guid tenantId, CancellationToken cancellationToken = default);
}
