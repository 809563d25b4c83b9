using Messaging.Caching;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Attachment;

/// <summary>Seed properties 24 to 26: a finished job's status is read from the cache first, and from the database (and cached again) after a miss.</summary>
public class AttachmentStatusCacheTests
{
    [Fact]
    public async Task AFinishedStatus_IsServedFromTheCache_AndAfterAMiss_FromTheDatabase_ThenCachedAgain()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var first = await harness.UploadTextAsync(tenant);
        var second = await harness.UploadTextAsync(tenant);
        await harness.ProcessAsync();

        (await harness.GetAsync(tenant, first.AttachmentId)).Status.ShouldBe(AttachmentStatus.Completed);
        await RemoveRowAsync(harness, first.AttachmentId);
        var cached = await harness.GetAsync(tenant, first.AttachmentId);
        await ForgetCachedAsync(harness, tenant, first.AttachmentId);

        cached.Status.ShouldBe(AttachmentStatus.Completed);
        await Should.ThrowAsync<EntityNotFoundException>(() => harness.GetAsync(tenant, first.AttachmentId));

        await ForgetCachedAsync(harness, tenant, second.AttachmentId);
        (await harness.GetAsync(tenant, second.AttachmentId)).Status.ShouldBe(AttachmentStatus.Completed);
        await RemoveRowAsync(harness, second.AttachmentId);
        (await harness.GetAsync(tenant, second.AttachmentId)).Result.ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnfinishedStatus_IsAlwaysReadFromTheDatabase()
    {
        await using var harness = await AttachmentHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var accepted = await harness.UploadTextAsync(tenant);

        (await harness.GetAsync(tenant, accepted.AttachmentId)).Status.ShouldBe(AttachmentStatus.Queued);
        await harness.ProcessAsync();

        (await harness.GetAsync(tenant, accepted.AttachmentId)).Status.ShouldBe(AttachmentStatus.Completed);
    }

    private static Task<int> RemoveRowAsync(AttachmentHarness harness, Guid id) =>
        harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<AttachmentJob>().IgnoreQueryFilters()
            .Where(j => j.Id == id).ExecuteDeleteAsync());

    private static async Task ForgetCachedAsync(AttachmentHarness harness, Guid tenant, Guid id)
    {
        using var scope = harness.Inner.CurrentTenant.Change(tenant);
        await harness.Inner.Services.GetRequiredService<TenantCache>().RemoveAsync($"attachment:{id:N}");
    }
}
