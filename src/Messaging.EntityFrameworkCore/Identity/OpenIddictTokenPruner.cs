using Messaging.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Messaging.EntityFrameworkCore.Identity;

public sealed class OpenIddictTokenPruner(
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    IOptions<IdentityServerOptions> options) : ISignInTokenPruner
{
    public TimeSpan Retention => options.Value.TokenRetention;

    public async Task<long> PruneAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        var threshold = new DateTimeOffset(DateTime.SpecifyKind(cutoff, DateTimeKind.Utc));
        return await tokens.PruneAsync(threshold, cancellationToken) + await authorizations.PruneAsync(threshold, cancellationToken);
    }
}
