using System.Collections.Frozen;

namespace Messaging.Authorization;

/// <summary>Every permission the modules registered, by name; the one list tokens, API keys and roles are checked against.</summary>
public sealed class PermissionCatalog
{
    private readonly FrozenDictionary<string, PermissionDefinition> _byName;

    public PermissionCatalog(IEnumerable<PermissionDefinition> definitions)
    {
        _byName = definitions.DistinctBy(definition => definition.Name)
            .ToFrozenDictionary(definition => definition.Name, StringComparer.Ordinal);
        HostPermissions = For(PermissionSides.Host, PermissionKind.Manage);
        TenantPermissions = For(PermissionSides.Tenant, PermissionKind.Manage);
    }

    public IEnumerable<PermissionDefinition> Definitions => _byName.Values.OrderBy(definition => definition.Name, StringComparer.Ordinal);

    /// <summary>Everything the host may be granted: what the host admin key has.</summary>
    public IReadOnlyList<string> HostPermissions { get; }

    /// <summary>Everything a tenant may be granted: what a tenant key issued without a list of permissions has.</summary>
    public IReadOnlyList<string> TenantPermissions { get; }

    public PermissionDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The permissions of one side up to a kind: Read gives only reading, Manage everything.</summary>
    public IReadOnlyList<string> For(PermissionSides side, PermissionKind upTo) =>
        Definitions.Where(definition => (definition.Sides & side) != 0 && definition.Kind <= upTo)
            .Select(definition => definition.Name)
            .ToList();
}
