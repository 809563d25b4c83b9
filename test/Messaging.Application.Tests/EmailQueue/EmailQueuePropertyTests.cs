using System.Text.Json;
using CsCheck;
using Messaging.BackgroundJobs;
using Messaging.EmailQueue.Payloads;
using Messaging.EmailQueue.Templates;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>
/// The email queue's requirement properties that are not about timing (numbered as in the requirement: 3 durability,
/// 4 event structure, 5 backoff, 6 dead letters, 8 the typed publisher, 12 validation before queuing, 13 validation during
/// processing), over generated payloads, addresses, reply codes and corruptions.
/// </summary>
public class EmailQueuePropertyTests
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static readonly Gen<string> Address =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.String[Gen.Char.AlphaNumeric, 1, 20], Gen.String[Gen.Char.AlphaNumeric, 2, 6])
            .Select((local, domain, top) => $"{local}@{domain}.{top}");

    /// <summary>A valid payload of any type, addressed to a generated recipient.</summary>
    private static readonly Gen<EmailPayload> ValidPayload =
        Gen.Select(Gen.Int[0, EmailSamples.OfEveryType().Count - 1], Address)
            .Select((type, to) => EmailSamples.OfEveryType()[type] with { To = to });

    private static readonly Gen<string?> NotAnAddress = Gen.OneOf<string?>(
        null, "", " ", "nobody", "ada@localhost", "Ada <ada@example.com>", "ada@exa mple.com", "ada@example.com\r\nBcc: all@example.com",
        new string('a', EmailQueueConsts.MaxAddressLength) + "@example.com");

    [Fact]
    public async Task Properties3_4_8_EveryAcknowledgedEvent_IsStoredAsPublished_WhicheverWayItCameIn()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);

        await Gen.Select(ValidPayload, Gen.Bool).SampleAsync(async sample =>
        {
            var (payload, throughTheApi) = sample;
            var tenant = Guid.NewGuid();

            var accepted = throughTheApi
                ? await harness.AsTenantAsync<EmailEventAcceptedDto, IEmailEventAppService>(tenant, api => api.PublishAsync(
                    new PublishEmailEventDto(payload.Type, JsonSerializer.SerializeToNode(payload, payload.GetType(), PayloadJson)!.AsObject()), null))
                : await harness.PublishAsync(tenant, publisher => PublishTyped(publisher, payload));

            var stored = (await harness.StoredEventsAsync()).Single(e => e.TenantId == tenant);
            stored.Id.ShouldBe(accepted.Id);
            stored.Type.ShouldBe(payload.Type);
            stored.Recipient.ShouldBe(payload.To);
            stored.Status.ShouldBe(EmailEventStatus.Queued);
            JsonSerializer.Serialize(EmailRenderer.ReadPayload(stored.Type, stored.PayloadJson), payload.GetType(), PayloadJson)
                .ShouldBe(JsonSerializer.Serialize(payload, payload.GetType(), PayloadJson));
            (await harness.OutboxEventNamesAsync(tenant)).ShouldBeEmpty();
        }, iter: 25, threads: 1);
    }

    [Fact]
    public async Task Property12_InputThatBreaksTheContract_IsRefusedNamingTheField_AndNothingIsQueued()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);

        await Gen.Select(ValidPayload, NotAnAddress).SampleAsync(async sample =>
        {
            var (valid, badRecipient) = sample;
            var tenant = Guid.NewGuid();

            var refused = await Should.ThrowAsync<InputValidationException>(() =>
                harness.PublishAsync(tenant, publisher => PublishTyped(publisher, valid with { To = badRecipient })));

            refused.Errors.Keys.ShouldBe(["payload.to"]);
            (await harness.StoredEventsAsync()).ShouldNotContain(e => e.TenantId == tenant);
            (await harness.OutboxEventNamesAsync(tenant)).ShouldBeEmpty();
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void Property5_EachRetryWaits_BetweenHalfAndAllOfADoublingCeiling_ThatTheCapBounds() =>
        Gen.Select(Gen.Int[1, 80], Gen.Int[1, 600_000], Gen.Int[0, 86_400_000], Gen.Double[0, 0.999_999])
            .Sample((attempts, baseMs, extraMs, jitter) =>
            {
                var (first, cap) = (TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromMilliseconds(baseMs + extraMs));
                var ceiling = Math.Min(cap.TotalMilliseconds, baseMs * Math.Pow(2, Math.Min(attempts - 1, 30)));

                var wait = RetryBackoff.After(attempts, first, cap, jitter).TotalMilliseconds;

                wait.ShouldBeGreaterThanOrEqualTo(ceiling / 2 - 0.01);
                wait.ShouldBeLessThan(ceiling + 0.01);
                RetryBackoff.After(attempts + 1, first, cap, 0).ShouldBeGreaterThanOrEqualTo(RetryBackoff.After(attempts, first, cap, 0));
            });

    [Fact]
    public void Property6_NoFourHundredReplyIsEverPermanent_AndEveryFiveHundredOneIs_ButAFullMailbox() =>
        Gen.Select(Gen.Int[0, 99], Gen.Bool, Gen.Int[0, 7], Gen.Int[0, 30])
            .Sample((detail, withEnhanced, subject, enhancedDetail) =>
            {
                var classifier = new SmtpErrorClassifier();
                string? Enhanced(char kind) => withEnhanced ? $"{kind}.{subject}.{enhancedDetail}" : null;

                classifier.Classify(EmailSendResult.Refused(400 + detail, Enhanced('4'), "later")).Class
                    .ShouldBeOneOf(EmailErrorClass.Transient, EmailErrorClass.Throttled);
                var permanent = classifier.Classify(EmailSendResult.Refused(500 + detail, Enhanced('5'), "no")).Class;
                if (withEnhanced && subject == 2 && enhancedDetail == 2)
                {
                    permanent.ShouldBe(EmailErrorClass.Transient, "5.2.2 is a full mailbox, which empties");
                }
                else
                {
                    permanent.ShouldBe(EmailErrorClass.Permanent);
                }
            }, iter: 5000);

    [Fact]
    public async Task Property6_APermanentRefusal_DeadLettersAfterOneAttempt_AndIsNeverSentAgain()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        await harness.Inner.StartRelayAsync();

        await Gen.Select(Gen.OneOf(550, 551, 553, 554), Gen.OneOf("5.1.1", "5.1.3", "5.7.1", "5.7.26", "5.3.0")).SampleAsync(async sample =>
        {
            var (reply, enhanced) = sample;
            var tenant = Guid.NewGuid();
            await harness.UseSmtpAsync(tenant, smtp);
            smtp.AnswerWith(reply, $"{enhanced} refused");
            var id = await harness.PublishQueuedAsync(tenant);

            await harness.DeliverAsync();
            await harness.MakeDueAsync();
            await harness.DeliverAsync();

            var status = await harness.GetAsync(tenant, id);
            status.Status.ShouldBe(EmailEventStatus.DeadLettered);
            status.LastErrorClass.ShouldBe(EmailErrorClass.Permanent);
            status.Attempts.Count.ShouldBe(1);
        }, iter: 8, threads: 1);
        smtp.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Property13_AStoredPayloadThatBreaksItsContract_IsDeadLetteredAtOnce_WhileTheOthersAreSent()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        await harness.Inner.StartRelayAsync();
        var corruptions = Gen.OneOf(
            Gen.OneOf("{}", "null", "[]", "42", """{"to":"nobody","name":"Ada"}""", """{"to":"ada@example.com"}""", """{"to":"ada@example.com","name":"""),
            Gen.String[Gen.Char.AlphaNumeric, 0, 40]);

        await corruptions.SampleAsync(async corruption =>
        {
            var tenant = Guid.NewGuid();
            var broken = await harness.PublishQueuedAsync(tenant, "broken@example.com");
            var intact = await harness.PublishQueuedAsync(tenant, "intact@example.com");
            await harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>().IgnoreQueryFilters()
                .Where(e => e.Id == broken).ExecuteUpdateAsync(set => set.SetProperty(e => e.PayloadJson, corruption)));

            await harness.DeliverAsync();

            var deadLetter = await harness.GetAsync(tenant, broken);
            deadLetter.Status.ShouldBe(EmailEventStatus.DeadLettered, corruption);
            deadLetter.LastErrorClass.ShouldBe(EmailErrorClass.Permanent);
            deadLetter.Attempts.Single().ReplyCode.ShouldBe(EmailAttempt.TemplateFailed);
            File.Exists(Path.Combine(harness.PickupFolder, $"{broken:N}.eml")).ShouldBeFalse();
            (await harness.GetAsync(tenant, intact)).Status.ShouldBe(EmailEventStatus.Sent);
        }, iter: 8, threads: 1);
    }

    private static Task<EmailEventAcceptedDto> PublishTyped(IEmailEventPublisher publisher, EmailPayload payload) => payload switch
    {
        OrderConfirmationPayload p => publisher.PublishOrderConfirmationAsync(p),
        AdminOrderNotificationPayload p => publisher.PublishAdminOrderNotificationAsync(p),
        ShippingNotificationPayload p => publisher.PublishShippingNotificationAsync(p),
        OrderStatusUpdatePayload p => publisher.PublishOrderStatusUpdateAsync(p),
        WelcomePayload p => publisher.PublishWelcomeAsync(p),
        PasswordResetPayload p => publisher.PublishPasswordResetAsync(p),
        ContactFormPayload p => publisher.PublishContactFormAsync(p),
        MessagePayload p => publisher.PublishMessageAsync(p),
        _ => throw new ArgumentOutOfRangeException(nameof(payload), payload.GetType().Name, "A payload type the test does not know.")
    };
}
