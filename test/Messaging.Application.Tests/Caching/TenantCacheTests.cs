using Messaging.Infrastructure.Backplane;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Caching;

public class TenantCacheTests
{
    private readonly ICurrentTenant _currentTenant = new AsyncLocalCurrentTenant();
    private readonly TenantCache _cache;

    public TenantCacheTests()
    {
        var hybrid = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>();
        _cache = new TenantCache(hybrid, _currentTenant, new LocalBackplane());
    }

    [Fact]
    public async Task RemoveEverywhere_EvictsTheEntryFromEveryInstancesMemory()
    {
        var backplane = new LocalBackplane();
        var instances = Enumerable.Range(0, 2)
            .Select(_ => new TenantCache(new ServiceCollection().AddHybridCache().Services.BuildServiceProvider().GetRequiredService<HybridCache>(),
                _currentTenant, backplane))
            .ToList();
        foreach (var instance in instances)
        {
            await new TenantCacheEvictionListener(backplane, instance).StartAsync(CancellationToken.None);
        }

        var tenant = Guid.NewGuid();
        foreach (var instance in instances)
        {
            await InTenant(tenant, () => instance.GetOrCreateAsync("channel", _ => ValueTask.FromResult("old"), TimeSpan.FromMinutes(5)));
        }

        using (_currentTenant.Change(tenant))
        {
            await instances[0].RemoveEverywhereAsync("channel");
        }

        foreach (var instance in instances)
        {
            (await InTenant(tenant, () => instance.GetOrCreateAsync("channel", _ => ValueTask.FromResult("new"), TimeSpan.FromMinutes(5)))).ShouldBe("new");
        }
    }

    [Fact]
    public async Task SameKey_InTwoTenants_AreTwoEntries()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var fromA = await InTenant(a, () => _cache.GetOrCreateAsync("settings", _ => ValueTask.FromResult("of A"), TimeSpan.FromMinutes(1)));
        var fromB = await InTenant(b, () => _cache.GetOrCreateAsync("settings", _ => ValueTask.FromResult("of B"), TimeSpan.FromMinutes(1)));
        var againFromA = await InTenant(a, () => _cache.GetOrCreateAsync("settings", _ => ValueTask.FromResult("recomputed"), TimeSpan.FromMinutes(1)));

        fromA.ShouldBe("of A");
        fromB.ShouldBe("of B");
        againFromA.ShouldBe("of A");
    }

    [Fact]
    public async Task RemoveAll_EvictsOneTenantsEntries_AndLeavesOthers()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await InTenant(a, () => _cache.GetOrCreateAsync("x", _ => ValueTask.FromResult(1), TimeSpan.FromMinutes(1)));
        await InTenant(b, () => _cache.GetOrCreateAsync("x", _ => ValueTask.FromResult(1), TimeSpan.FromMinutes(1)));

        await _cache.RemoveAllAsync(a);

        (await InTenant(a, () => _cache.GetOrCreateAsync("x", _ => ValueTask.FromResult(2), TimeSpan.FromMinutes(1)))).ShouldBe(2);
        (await InTenant(b, () => _cache.GetOrCreateAsync("x", _ => ValueTask.FromResult(2), TimeSpan.FromMinutes(1)))).ShouldBe(1);
    }

    [Fact]
    public void WithoutATenant_NothingIsCached()
    {
        Should.Throw<InvalidOperationException>(() => _cache.GetOrCreateAsync("x", _ => ValueTask.FromResult(1), TimeSpan.FromMinutes(1)));
    }

    private async Task<T> InTenant<T>(Guid tenantId, Func<ValueTask<T>> work)
    {
        using var _ = _currentTenant.Change(tenantId);
        return await work();
    }
}
