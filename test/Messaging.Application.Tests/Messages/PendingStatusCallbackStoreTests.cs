using Messaging.EntityFrameworkCore;
using Messaging.Messages.Callbacks;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

/// <summary>The claims behind at-least-once callbacks, on each database: never one row to two claimers, tenants capped per round.</summary>
public class PendingStatusCallbackStoreTests
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ConcurrentClaims_NeverShareARow_AndTogetherTakeEveryDueRow(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        await OweAsync(harness, Enumerable.Repeat(tenant, 40));

        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClaimAsync(harness, 40, 40)));
        var rest = await ClaimAsync(harness, 40, 40);

        var claimed = rounds.SelectMany(round => round).Concat(rest).Select(c => c.Id).ToList();
        claimed.Count.ShouldBe(claimed.Distinct().Count(), "a row was claimed twice");
        claimed.Count.ShouldBe(40);
        (await ClaimAsync(harness, 40, 40)).ShouldBeEmpty("claimed rows wait for their claim to expire");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ARound_TakesAtMostItsShareOfOneTenant_AndFillsUpWithOthers(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.StartAsync(provider);
        var (busy, quiet) = (Guid.NewGuid(), Guid.NewGuid());
        await OweAsync(harness, Enumerable.Repeat(busy, 10).Concat(Enumerable.Repeat(quiet, 2)));

        var claimed = await ClaimAsync(harness, maxCount: 6, maxPerTenant: 3);

        claimed.Count(c => c.TenantId == busy).ShouldBe(3);
        claimed.Count(c => c.TenantId == quiet).ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task OnlyTheClaimHolder_CompletesOrPostponesARow(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.StartAsync(provider);
        await OweAsync(harness, [Guid.NewGuid()]);
        var row = (await ClaimAsync(harness, 1, 1)).Single();

        await InStoreAsync(harness, store => store.CompleteAsync(row.Id, Guid.NewGuid(), CancellationToken.None));
        await InStoreAsync(harness, store => store.RetryLaterAsync(row.Id, Guid.NewGuid(), DateTime.UtcNow, "late", CancellationToken.None));
        (await harness.PendingCallbacksAsync()).Single().FailedAttempts.ShouldBe(0);

        await InStoreAsync(harness, store => store.RetryLaterAsync(row.Id, row.ClaimToken!.Value, DateTime.UtcNow.AddSeconds(-1),
            "The callback answered 500.\0" + new string('x', 5000), CancellationToken.None));
        var postponed = (await harness.PendingCallbacksAsync()).Single();
        postponed.FailedAttempts.ShouldBe(1);
        postponed.ClaimToken.ShouldBeNull();
        postponed.LastError!.Length.ShouldBeLessThanOrEqualTo(2000);
        postponed.LastError.ShouldNotContain('\0');

        var again = (await ClaimAsync(harness, 1, 1)).Single();
        await InStoreAsync(harness, store => store.CompleteAsync(again.Id, again.ClaimToken!.Value, CancellationToken.None));
        (await harness.PendingCallbacksAsync()).ShouldBeEmpty();
    }

    private static Task OweAsync(ReceiptHarness harness, IEnumerable<Guid> tenants) =>
        harness.Inner.InScopeAsync(async services =>
        {
            var store = services.GetRequiredService<IPendingStatusCallbackStore>();
            var due = DateTime.UtcNow.AddSeconds(-1);
            foreach (var tenant in tenants)
            {
                store.Add(new PendingStatusCallback(Guid.NewGuid(), tenant, Guid.NewGuid(), MessageStatus.Delivered, due, null, null, null, due));
            }

            await services.GetRequiredService<MessagingDbContext>().SaveChangesAsync();
            return true;
        });

    private static Task<IReadOnlyList<PendingStatusCallback>> ClaimAsync(ReceiptHarness harness, int maxCount, int maxPerTenant) =>
        InStoreAsync(harness, store => store.ClaimDueAsync(maxCount, maxPerTenant, ClaimFor, CancellationToken.None));

    private static Task<T> InStoreAsync<T>(ReceiptHarness harness, Func<IPendingStatusCallbackStore, Task<T>> work) =>
        harness.Inner.InScopeAsync(services => work(services.GetRequiredService<IPendingStatusCallbackStore>()));

    private static Task InStoreAsync(ReceiptHarness harness, Func<IPendingStatusCallbackStore, Task> work) =>
        harness.Inner.InScopeAsync(async services =>
        {
            await work(services.GetRequiredService<IPendingStatusCallbackStore>());
            return true;
        });
}
