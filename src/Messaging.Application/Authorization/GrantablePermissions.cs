using Messaging.ExceptionHandling;

namespace Messaging.Authorization;

/// <summary>
/// The permissions an API key or machine client is issued with: a subset of what its owner's side may have, or null for
/// all of them.
/// </summary>
internal static class GrantablePermissions
{
    /// <param name="holder">What gets them, as the problem names it ("key", "client").</param>
    /// <param name="maxJoinedLength">How long the names may be together, each with a separator.</param>
    public static List<string>? Require(List<string>? requested, PermissionSides owner, PermissionCatalog catalog, string holder, int maxJoinedLength)
    {
        if (requested is null)
        {
            return null;
        }

        var unknown = requested.Where(name => catalog.Find(name) is not { } definition || (definition.Sides & owner) == 0).ToList();
        if (requested.Count == 0 || unknown.Count > 0)
        {
            throw Invalid(requested.Count == 0
                ? $"A {holder} needs at least one permission; leave the list out for all of them."
                : $"Not a permission a {(owner == PermissionSides.Host ? "host" : "tenant")} {holder} can have: {string.Join(", ", unknown)}.");
        }

        return requested.Distinct(StringComparer.Ordinal).Sum(name => name.Length + 1) > maxJoinedLength
            ? throw Invalid($"Too many permissions for one {holder}.")
            : requested;
    }

    private static InputValidationException Invalid(string problem) =>
        new(new Dictionary<string, string[]> { ["permissions"] = [problem] });
}
