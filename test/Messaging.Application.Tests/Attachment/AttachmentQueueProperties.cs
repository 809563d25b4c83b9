using CsCheck;
using Messaging.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Attachment;

/// <summary>Seed properties 8 and 9 on the real claim: priority order, first come first served within it, each job to one worker.</summary>
public class AttachmentQueueProperties
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ClaimsFollowPriority_ThenArrival_AndConcurrentClaimsNeverShareAJob(DatabaseProvider provider)
    {
        await using var harness = await AttachmentHarness.StartAsync(provider);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Gen.Select(Gen.Int[0, 10], Gen.Int[0, 1000]).List[1, 30].SampleAsync(async jobs =>
        {
            var queued = jobs.Select((job, index) => AttachmentJob.Queue(Guid.NewGuid(), Guid.NewGuid(), null, null, "f.txt", 1, "text/plain",
                new string('0', 64), $"k/{Guid.NewGuid():N}", job.Item1, start.AddMilliseconds(job.Item2 * 10 + index))).ToList();
            await harness.Inner.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<MessagingDbContext>();
                await db.Set<AttachmentJob>().IgnoreQueryFilters().ExecuteDeleteAsync();
                db.AddRange(queued);
                return await db.SaveChangesAsync();
            });

            var expectedOrder = queued.OrderByDescending(j => j.Priority).ThenBy(j => j.CreatedAt).Select(j => j.Id).ToList();
            var first = await ClaimAsync(harness, (jobs.Count + 1) / 2);
            var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ClaimAsync(harness, jobs.Count)));

            first.Select(c => c.Id).ShouldBe(expectedOrder.Take(first.Count));
            var all = first.Concat(claims.SelectMany(c => c)).Select(c => c.Id).ToList();
            all.ShouldBe(queued.Select(j => j.Id), ignoreOrder: true);
            foreach (var claim in claims)
            {
                claim.Select(c => c.Id).ShouldBe(expectedOrder.Where(id => claim.Any(c => c.Id == id)));
            }
        }, iter: 15, threads: 1);
    }

    private static Task<IReadOnlyList<ClaimedAttachment>> ClaimAsync(AttachmentHarness harness, int count) =>
        harness.Inner.InScopeAsync(services =>
            services.GetRequiredService<IAttachmentQueueStore>().ClaimDueAsync(count, TimeSpan.FromMinutes(5), CancellationToken.None));
}
