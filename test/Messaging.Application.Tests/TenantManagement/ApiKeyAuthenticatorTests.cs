using Messaging.Authorization;
using Messaging.Backplane;
using Messaging.Messages;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.TenantManagement;

public class ApiKeyAuthenticatorTests
{
    private const string RawKey = "msk_the-key-under-test-0123456789";
    private static readonly PermissionCatalog Catalog = new([.. TenantManagementPermissions.All, .. MessagesPermissions.All]);
    private readonly IApiKeyRepository _apiKeys = Substitute.For<IApiKeyRepository>();
    private readonly ApiKeyAuthenticator _authenticator;

    public ApiKeyAuthenticatorTests()
    {
        var services = new ServiceCollection().AddSingleton(_apiKeys).AddSingleton(Substitute.For<ITenantRepository>());
        services.AddHybridCache();
        var provider = services.BuildServiceProvider();
        _authenticator = new ApiKeyAuthenticator(provider.GetRequiredService<HybridCache>(), provider.GetRequiredService<IServiceScopeFactory>(),
            new ApiKeyUsageRecorder(), Substitute.For<IBackplane>(), TimeProvider.System, Catalog);
    }

    [Fact]
    public async Task KeyIssuedWithoutPermissions_HasEveryPermissionOfItsSide()
    {
        _apiKeys.FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(HostKey());

        var identity = await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None);

        identity!.Permissions.ShouldBe([MessagesPermissions.Settings, TenantManagementPermissions.HostApiKeys, TenantManagementPermissions.Tenants],
            ignoreOrder: true);
    }

    [Fact]
    public async Task KeyIssuedWithPermissions_HasOnlyThoseItsSideMayHave()
    {
        _apiKeys.FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(
            new ApiKey(Guid.NewGuid(), null, "ops", ApiKeySecret.Hash(RawKey), "msk_the", DateTime.UtcNow,
                [TenantManagementPermissions.Tenants, MessagesPermissions.Send, "Messaging.NoLongerDefined"]));

        var identity = await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None);

        identity!.Permissions.ShouldBe([TenantManagementPermissions.Tenants]);
    }

    [Fact]
    public async Task UnknownKey_IsNotRemembered_SoMadeUpKeysGrowNoCache()
    {
        _apiKeys.FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((ApiKey?)null);

        (await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None)).ShouldBeNull();
        (await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None)).ShouldBeNull();

        await _apiKeys.Received(2).FindByHashAsync(ApiKeySecret.Hash(RawKey), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task KnownKey_IsLookedUpOnce()
    {
        _apiKeys.FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(HostKey());

        (await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None)).ShouldNotBeNull();
        (await _authenticator.FindCachedAsync(RawKey, CancellationToken.None)).ShouldNotBeNull();
        (await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None)).ShouldNotBeNull();

        await _apiKeys.Received(1).FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task FindCached_DoesNotAskTheDatabase()
    {
        (await _authenticator.FindCachedAsync(RawKey, CancellationToken.None)).ShouldBeNull();

        await _apiKeys.DidNotReceive().FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task LookupThatReadTheKeyBeforeItsRevocation_IsNotTrustedAfterTheRevocation()
    {
        var key = HostKey();
        var readStarted = new TaskCompletionSource();
        var revoked = new TaskCompletionSource();
        var stale = HostKey();
        async Task<ApiKey?> ReadBeforeTheRevocation()
        {
            readStarted.SetResult();
            await revoked.Task;
            return stale;
        }

        _apiKeys.FindByHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => ReadBeforeTheRevocation(), _ => Task.FromResult<ApiKey?>(key));

        var inFlight = _authenticator.AuthenticateAsync(RawKey, CancellationToken.None).AsTask();
        await readStarted.Task;
        key.Revoke(DateTime.UtcNow);
        await _authenticator.ForgetAsync(key.KeyHash);
        revoked.SetResult();
        await inFlight;

        (await _authenticator.AuthenticateAsync(RawKey, CancellationToken.None)).ShouldBeNull();
        (await _authenticator.FindCachedAsync(RawKey, CancellationToken.None)).ShouldBeNull();
    }

    private static ApiKey HostKey() =>
        new(Guid.CreateVersion7(), null, "host", ApiKeySecret.Hash(RawKey), ApiKeySecret.PrefixOf(RawKey), DateTime.UtcNow);
}
