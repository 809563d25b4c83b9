using Messaging.EmailQueue.Events;
using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>Publishing: committed with its outbox event before it is answered, idempotent, validated, tenant-scoped.</summary>
public class EmailEventPublishingTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task EveryType_IsStoredQueued_BeforeItIsAnswered_WithoutAnOutboxHop(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();

        var accepted = new List<EmailEventAcceptedDto>();
        foreach (var payload in EmailSamples.OfEveryType())
        {
            accepted.Add(await harness.AsTenantAsync<EmailEventAcceptedDto, EmailEventPublishing>(tenant,
                publishing => publishing.PublishAsync(payload, null, CancellationToken.None)));
        }

        var stored = await harness.StoredEventsAsync();
        stored.Select(e => e.Id).ShouldBe(accepted.Select(a => a.Id), ignoreOrder: true);
        stored.ShouldAllBe(e => e.TenantId == tenant && e.Status == EmailEventStatus.Queued);
        stored.Select(e => e.Type).ShouldBe(Enum.GetValues<EmailEventType>(), ignoreOrder: true);
        (await harness.OutboxEventNamesAsync(tenant)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheSameKey_AnswersTheStoredEvent_AndRefusesAnotherPayload(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();

        var first = await harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(EmailSamples.Welcome(), "key-1"));
        var again = await harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(EmailSamples.Welcome(), "key-1"));
        var otherTenant = await harness.PublishAsync(Guid.NewGuid(), p => p.PublishWelcomeAsync(EmailSamples.Welcome(), "key-1"));
        var refused = await Should.ThrowAsync<UnprocessableRequestException>(() =>
            harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(EmailSamples.Welcome("bob@example.com"), "key-1")));

        again.Id.ShouldBe(first.Id);
        otherTenant.Id.ShouldNotBe(first.Id);
        refused.Code.ShouldBe(MessagingErrorCodes.IdempotencyKeyReused);
        (await harness.StoredEventsAsync()).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ConcurrentRetries_WithOneKey_StoreOneEvent(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(EmailSamples.Welcome(), "same"))));

        answers.Select(a => a.Id).Distinct().Count().ShouldBe(1);
        (await harness.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task InvalidInput_IsRefusedNamingTheFields_AndStoresNothing()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();

        var refused = await Should.ThrowAsync<InputValidationException>(() =>
            harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(new() { To = "nobody" }, "bad key with spaces")));

        refused.Errors.Keys.ShouldBe(["payload.to", "payload.name", "Idempotency-Key"], ignoreOrder: true);
        (await harness.StoredEventsAsync()).ShouldBeEmpty();
        (await harness.OutboxEventNamesAsync(tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnotherTenantsEvent_IsNotFound()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var owner = Guid.NewGuid();
        var accepted = await harness.PublishAsync(owner, p => p.PublishWelcomeAsync(EmailSamples.Welcome()));

        (await harness.GetAsync(owner, accepted.Id)).Status.ShouldBe(EmailEventStatus.Queued);
        await Should.ThrowAsync<EntityNotFoundException>(() => harness.GetAsync(Guid.NewGuid(), accepted.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheRelayedAcceptanceEvent_QueuesTheEvent(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        var accepted = await harness.PublishAsync(tenant, p => p.PublishWelcomeAsync(EmailSamples.Welcome()));

        await harness.Inner.StartRelayAsync();

        await Eventually.TrueAsync(async () => (await harness.GetAsync(tenant, accepted.Id)).Status == EmailEventStatus.Queued,
            TimeSpan.FromSeconds(10), "the event is queued");
        (await harness.GetAsync(tenant, accepted.Id)).NextAttemptAt.ShouldNotBeNull();
    }

    /// <summary>Earlier versions queued an event only when its acceptance event came through the outbox; one still there after an upgrade is not lost.</summary>
    [Fact]
    public async Task AnAcceptanceEventAnEarlierVersionLeftInTheOutbox_StillQueuesItsEvent()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();
        var left = EmailEvent.Accept(tenant, EmailEventType.Welcome, "ada@example.com", EmailPayloadJson.Store(EmailSamples.Welcome()), null, "earlier",
            DateTime.UtcNow);

        await harness.Inner.InScopeAsync(async services =>
        {
            using var scope = harness.Inner.CurrentTenant.Change(tenant);
            return await services.GetRequiredService<IUnitOfWork>().RunAsync(async token =>
            {
                services.GetRequiredService<IEmailEventRepository>().Add(left);
                await services.GetRequiredService<IDistributedEventBus>().PublishAsync(
                    new EmailEventAcceptedEto(left.Id, left.Type) { TenantId = tenant, OccurredAt = left.AcceptedAt }, token);
                return true;
            }, CancellationToken.None);
        });
        (await harness.GetAsync(tenant, left.Id)).Status.ShouldBe(EmailEventStatus.Accepted);
        await harness.Inner.StartRelayAsync();

        await Eventually.TrueAsync(async () => (await harness.GetAsync(tenant, left.Id)).Status == EmailEventStatus.Queued,
            TimeSpan.FromSeconds(10), "the event is queued");
    }
}
