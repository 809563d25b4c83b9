using Messaging.EntityFrameworkCore.Identity;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Messaging.Identity;

public class PruneSignInTokensJobTests
{
    [Fact]
    public async Task EndedTokensPastRetention_AreDeleted_AndRecentOrLiveOnesStay()
    {
        await using var harness = await GroupCommitHarness.StartAsync(replace: services =>
        {
            services.AddIdentityApplication();
            services.AddIdentityEntityFrameworkCore(new ConfigurationBuilder().Build());
        });
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30);
        var old = await CreateTokenAsync(harness, Statuses.Redeemed, longAgo, longAgo.AddDays(1));
        var recent = await CreateTokenAsync(harness, Statuses.Redeemed, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var live = await CreateTokenAsync(harness, Statuses.Valid, longAgo, DateTimeOffset.UtcNow.AddDays(30));

        await harness.RunJobAsync<PruneSignInTokensJob>(job => job.ExecuteAsync(new PruneSignInTokensArgs(), CancellationToken.None));

        var left = await harness.InScopeAsync(async services =>
        {
            var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
            var ids = new List<string>();
            await foreach (var token in tokens.ListAsync(100, 0, CancellationToken.None))
            {
                ids.Add((await tokens.GetIdAsync(token))!);
            }

            return ids;
        });
        left.ShouldBe([recent, live], ignoreOrder: true);
        left.ShouldNotContain(old);
    }

    private static Task<string> CreateTokenAsync(GroupCommitHarness harness, string status, DateTimeOffset createdAt, DateTimeOffset expiresAt) =>
        harness.InScopeAsync(async services =>
        {
            var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
            var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                Status = status,
                Subject = Guid.NewGuid().ToString(),
                Type = TokenTypeHints.RefreshToken,
                CreationDate = createdAt,
                ExpirationDate = expiresAt
            });
            return (await tokens.GetIdAsync(token))!;
        });
}
