using CsCheck;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;

namespace Messaging.Messages;

/// <summary>
/// Properties the seed asks for, checked against the real write path (buffer, writer, SQLite or PostgreSQL) for
/// both the group commit and the Direct baseline: whatever mix of concurrent sends and retries arrives,
/// every acknowledged message is stored exactly once and idempotency keys hold.
/// </summary>
public class IngestionProperties
{
    /// <summary>One send: an optional idempotency key (from a small pool, so keys collide) and a body variant.</summary>
    private sealed record Send(int? Key, int Body, MessagePriority Priority);

    private static readonly Gen<Send> SendGen = Gen.Select(
        Gen.Int[0, 5].Select(k => k == 0 ? (int?)null : k),
        Gen.Int[0, 1],
        Gen.Enum<MessagePriority>(),
        (key, body, priority) => new Send(key, body, priority));

    [Theory]
    [InlineData("GroupCommit", DatabaseProvider.Sqlite)]
    [InlineData("Direct", DatabaseProvider.Sqlite)]
    [InlineData("GroupCommit", DatabaseProvider.PostgreSql)]
    [InlineData("Direct", DatabaseProvider.PostgreSql)]
    public async Task EveryAcknowledgedMessage_IsStoredExactlyOnce_AndKeysHold(string mode, DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(
            new Dictionary<string, string?> { ["HighThroughput:Ingestion:Mode"] = mode }, provider: provider);

        await SendGen.Array[1, 60].SampleAsync(async sends =>
        {
            var tenant = Guid.NewGuid();
            using var _ = harness.CurrentTenant.Change(tenant);
            var outcomes = await Task.WhenAll(sends.Select(send => SendAsync(harness, tenant, send)));
            var stored = await harness.StoredMessagesAsync(tenant);

            AssertStoredExactlyOnce(sends, outcomes, stored);
        }, iter: 25, threads: 1);
    }

    [Theory]
    [InlineData("GroupCommit", DatabaseProvider.Sqlite)]
    [InlineData("Direct", DatabaseProvider.Sqlite)]
    [InlineData("GroupCommit", DatabaseProvider.PostgreSql)]
    [InlineData("Direct", DatabaseProvider.PostgreSql)]
    public async Task ConcurrentDuplicates_StoreOneMessagePerKey(string mode, DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(
            new Dictionary<string, string?> { ["HighThroughput:Ingestion:Mode"] = mode }, provider: provider);
        var duplicates = Gen.Select(Gen.Int[1, 3], Gen.Int[2, 25], Gen.Int[0, 3],
            (keys, copies, differentBodies) => Enumerable.Range(1, keys)
                .SelectMany(key => Enumerable.Range(0, copies).Select(copy => new Send(key, copy < differentBodies ? 1 : 0, MessagePriority.Normal)))
                .ToArray());

        await duplicates.SampleAsync(async sends =>
        {
            var tenant = Guid.NewGuid();
            using var _ = harness.CurrentTenant.Change(tenant);
            var outcomes = await Task.WhenAll(sends.Select(send => SendAsync(harness, tenant, send)));
            var stored = await harness.StoredMessagesAsync(tenant);

            stored.Count.ShouldBe(sends.Select(s => s.Key).Distinct().Count());
            AssertStoredExactlyOnce(sends, outcomes, stored);
        }, iter: 20, threads: 1);
    }

    private static async Task<Outcome> SendAsync(GroupCommitHarness harness, Guid tenant, Send send)
    {
        await Task.Yield();
        var message = TestMessages.Sms(tenant, $"body-{send.Body}", send.Key is { } key ? $"key-{key}" : null, send.Priority);
        try
        {
            var accepted = await harness.IngestAsync(message);
            return new Outcome(message, accepted.TrackingId, null);
        }
        catch (UnprocessableRequestException refusal)
        {
            return new Outcome(message, null, refusal);
        }
    }

    private static void AssertStoredExactlyOnce(Send[] sends, Outcome[] outcomes, List<StoredMessage> stored)
    {
        stored.Select(s => s.Id).Distinct().Count().ShouldBe(stored.Count, "a message was stored twice");
        var storedById = stored.ToDictionary(s => s.Id);

        foreach (var outcome in outcomes.Where(o => o.TrackingId is not null))
        {
            storedById.ShouldContainKey(outcome.TrackingId!.Value, "an acknowledged message is missing");
            storedById[outcome.TrackingId.Value].RequestHash.ShouldBe(outcome.Message.RequestHash);
        }

        foreach (var group in outcomes.Where(o => o.Message.IdempotencyKey is not null).GroupBy(o => o.Message.IdempotencyKey))
        {
            var holder = stored.Single(s => s.IdempotencyKey == group.Key);
            foreach (var outcome in group)
            {
                if (outcome.Message.RequestHash == holder.RequestHash)
                {
                    outcome.TrackingId.ShouldBe(holder.Id, "a retry did not get the original tracking id");
                }
                else
                {
                    outcome.Refusal.ShouldNotBeNull("a reused key with another body was not refused");
                }
            }
        }

        stored.Count.ShouldBe(sends.Count(s => s.Key is null) + sends.Where(s => s.Key is not null).Select(s => s.Key).Distinct().Count());
    }

    private sealed record Outcome(Message Message, Guid? TrackingId, UnprocessableRequestException? Refusal);
}
