namespace Messaging.Identity;

/// <summary>A confidential client of the sign-in server using client credentials, acting for one tenant (or the host).</summary>
/// <param name="Permissions">What its tokens may do; null for everything its side may.</param>
public sealed record MachineClient(Guid Id, Guid? TenantId, string ClientId, string DisplayName, IReadOnlyList<string>? Permissions);

/// <summary>
/// The machine clients of the current tenant (the host's, when there is none); the adapter is OpenIddict's application
/// manager, which keeps only a hash of each secret. Another tenant's client is not found.
/// </summary>
public interface IMachineClientStore
{
    Task<IReadOnlyList<MachineClient>> GetListAsync(CancellationToken cancellationToken = default);

    Task<MachineClient?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<MachineClient> CreateAsync(string clientId, string displayName, IReadOnlyList<string>? permissions, string secret,
        CancellationToken cancellationToken = default);

    Task<MachineClient?> UpdateAsync(Guid id, string displayName, IReadOnlyList<string>? permissions, CancellationToken cancellationToken = default);

    /// <returns>False when there is no such client.</returns>
    Task<bool> ReplaceSecretAsync(Guid id, string secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes the client with its tokens and authorizations.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The client a token names, in whatever tenant: what its tokens act for at each use; null once it is deleted.</summary>
    Task<MachineClient?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken = default);
}
