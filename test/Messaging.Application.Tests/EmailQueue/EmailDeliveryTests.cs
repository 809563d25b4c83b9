using System.Text;
using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>Delivery through real SMTP (the emulator) and the pickup folder, with each outcome the classification decides.</summary>
public class EmailDeliveryTests
{
    private static async Task<EmailQueueHarness> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null)
    {
        var harness = await EmailQueueHarness.StartAsync(provider, settings);
        await harness.Inner.StartRelayAsync();
        return harness;
    }

    [Fact]
    public async Task WithoutSmtpSettings_TheEmailIsWrittenToThePickupFolder_WithADeterministicMessageId()
    {
        await using var harness = await StartAsync();
        var tenant = Guid.NewGuid();
        var id = await harness.PublishQueuedAsync(tenant);

        (await harness.DeliverAsync()).ShouldBe(1);

        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.Sent);
        status.Attempts.Single().ErrorClass.ShouldBeNull();
        var eml = await File.ReadAllTextAsync(Path.Combine(harness.PickupFolder, $"{id:N}.eml"));
        eml.ShouldContain($"Message-Id: <{id:N}@messaging.localhost>");
        eml.ShouldContain("To: ada@example.com");
        eml.ShouldContain("Subject: Welcome");
        var message = MimeKit.MimeMessage.Load(Path.Combine(harness.PickupFolder, $"{id:N}.eml"));
        message.Body!.ContentType.MimeType.ShouldBe("multipart/alternative");
        message.TextBody!.ShouldContain("Hello Ada,");
        message.HtmlBody!.ShouldContain("<p>Hello Ada,</p>");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheTenantsSmtpServer_ReceivesTheEmail(DatabaseProvider provider)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        var id = await harness.PublishQueuedAsync(tenant);

        await harness.DeliverAsync();

        (await harness.GetAsync(tenant, id)).Status.ShouldBe(EmailEventStatus.Sent);
        var received = Encoding.UTF8.GetString(smtp.Accepted.Single());
        received.ShouldContain($"Message-Id: <{id:N}@example.com>");
        received.ShouldContain("From: shop@example.com");
    }

    [Theory]
    [InlineData(450, "4.2.0 Mailbox busy", EmailErrorClass.Transient, EmailEventStatus.Queued, 1)]
    [InlineData(452, "4.3.1 Insufficient storage", EmailErrorClass.Transient, EmailEventStatus.Queued, 1)]
    [InlineData(421, "4.7.0 Too many connections, slow down", EmailErrorClass.Throttled, EmailEventStatus.Queued, 0)]
    [InlineData(451, "4.7.1 Greylisted, try later", EmailErrorClass.Throttled, EmailEventStatus.Queued, 0)]
    [InlineData(550, "5.1.1 No such user", EmailErrorClass.Permanent, EmailEventStatus.DeadLettered, 1)]
    [InlineData(554, "5.7.1 Relaying denied", EmailErrorClass.Permanent, EmailEventStatus.DeadLettered, 1)]
    [InlineData(552, "5.2.2 Mailbox full", EmailErrorClass.Transient, EmailEventStatus.Queued, 1)]
    public async Task EachReply_IsClassifiedAndActedOn(int code, string text, EmailErrorClass expectedClass, EmailEventStatus expectedStatus, int spent)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync();
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(code, text);
        var id = await harness.PublishQueuedAsync(tenant);

        await harness.DeliverAsync();

        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(expectedStatus);
        status.LastErrorClass.ShouldBe(expectedClass);
        status.LastReplyCode.ShouldBe(code.ToString());
        status.LastEnhancedCode.ShouldBe(text.Split(' ')[0]);
        status.Attempts.Single().ServerAnswer!.ShouldContain(text.Split(' ', 2)[1]);
        (await harness.StoredEventsAsync()).Single().SpentAttempts.ShouldBe(spent);
        if (expectedStatus == EmailEventStatus.Queued)
        {
            status.NextAttemptAt!.Value.ShouldBeGreaterThan(status.Attempts.Single().StartedAt);
        }
    }

    [Fact]
    public async Task AServerThatIsGone_IsATransientFailure_AndTheEventIsSentOnceItReturns()
    {
        var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync();
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        await smtp.DisposeAsync();
        var id = await harness.PublishQueuedAsync(tenant);

        await harness.DeliverAsync();
        var failed = await harness.GetAsync(tenant, id);

        failed.Status.ShouldBe(EmailEventStatus.Queued);
        failed.LastErrorClass.ShouldBe(EmailErrorClass.Transient);
        failed.LastReplyCode.ShouldBe(EmailAttempt.NoReply);
        await using var back = SmtpEmulator.Start();
        await harness.UseSmtpAsync(tenant, back);
        await harness.MakeDueAsync();
        await harness.DeliverAsync();
        (await harness.GetAsync(tenant, id)).Status.ShouldBe(EmailEventStatus.Sent);
        back.Accepted.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedUpToMaxAttempts_ThenDeadLettered()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(settings: new Dictionary<string, string?> { ["EmailQueue:MaxAttempts"] = "3" });
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(450, "4.2.0 Busy");
        var id = await harness.PublishQueuedAsync(tenant);

        for (var round = 0; round < 3; round++)
        {
            await harness.MakeDueAsync();
            (await harness.DeliverAsync()).ShouldBe(1);
        }

        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.DeadLettered);
        status.Attempts.Select(a => a.Number).ShouldBe([1, 2, 3]);
        await harness.MakeDueAsync();
        (await harness.DeliverAsync()).ShouldBe(0);
        smtp.Offered.ShouldBe(3);
    }

    [Fact]
    public async Task ThrottledAttempts_SpendNoAttempt()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(settings: new Dictionary<string, string?> { ["EmailQueue:MaxAttempts"] = "1" });
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(421, "4.7.0 Slow down");
        var id = await harness.PublishQueuedAsync(tenant);

        for (var round = 0; round < 3; round++)
        {
            await harness.MakeDueAsync();
            await harness.DeliverAsync();
        }

        smtp.Accept();
        await harness.MakeDueAsync();
        await harness.DeliverAsync();
        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.Sent);
        status.Attempts.Count.ShouldBe(4);
    }

    [Fact]
    public async Task AnUnknownMailbox_IsSuppressed_AndLaterEventsToItEndWithoutACall()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync();
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(550, "5.1.1 No such user");
        await harness.PublishQueuedAsync(tenant, "gone@example.com");
        await harness.DeliverAsync();
        smtp.Accept();

        var later = await harness.PublishQueuedAsync(tenant, "Gone@Example.com");
        var otherTenant = Guid.NewGuid();
        await harness.UseSmtpAsync(otherTenant, smtp);
        var elsewhere = await harness.PublishQueuedAsync(otherTenant, "gone@example.com");
        await harness.DeliverAsync();

        (await harness.GetAsync(tenant, later)).Status.ShouldBe(EmailEventStatus.Suppressed);
        (await harness.GetAsync(tenant, later)).Attempts.ShouldBeEmpty();
        (await harness.GetAsync(otherTenant, elsewhere)).Status.ShouldBe(EmailEventStatus.Sent);
        smtp.Offered.ShouldBe(2);
        var listed = await harness.AsTenantAsync<Messaging.Dtos.PagedResultDto<EmailSuppressionDto>, IEmailSuppressionAppService>(tenant,
            s => s.GetListAsync(new GetEmailSuppressionsInput()));
        listed.Items.Single().Address.ShouldBe("gone@example.com");

        await harness.AsTenantAsync<bool, IEmailSuppressionAppService>(tenant, async s =>
        {
            await s.DeleteAsync("gone@example.com");
            return true;
        });
        var afterRemoval = await harness.PublishQueuedAsync(tenant, "gone@example.com");
        await harness.DeliverAsync();
        (await harness.GetAsync(tenant, afterRemoval)).Status.ShouldBe(EmailEventStatus.Sent);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task DeadLetters_AreListedByFilter_AndAReplaySendsThem(DatabaseProvider provider)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(554, "5.7.1 Refused");
        var refused = await harness.PublishQueuedAsync(tenant, "a@example.com");
        await harness.DeliverAsync();
        smtp.AnswerWith(553, "5.1.3 Bad address syntax");
        var other = await harness.PublishQueuedAsync(tenant, "b@example.com");
        await harness.DeliverAsync();

        var byCode = await ListAsync(harness, tenant, new GetEmailDeadLettersInput { Code = "5.7.1" });
        var byReply = await ListAsync(harness, tenant, new GetEmailDeadLettersInput { Code = "553" });
        var byClass = await ListAsync(harness, tenant, new GetEmailDeadLettersInput { ErrorClass = EmailErrorClass.Transient });
        var byTime = await ListAsync(harness, tenant, new GetEmailDeadLettersInput { From = DateTime.UtcNow.AddMinutes(1) });
        var byType = await ListAsync(harness, tenant, new GetEmailDeadLettersInput { Type = EmailEventType.Welcome });
        var ofOthers = await ListAsync(harness, Guid.NewGuid(), new GetEmailDeadLettersInput());

        byCode.Items.Single().Id.ShouldBe(refused);
        byReply.Items.Single().Id.ShouldBe(other);
        byClass.TotalCount.ShouldBe(0);
        byTime.TotalCount.ShouldBe(0);
        byType.Items.Select(e => e.Id).ShouldBe([other, refused], ignoreOrder: true);
        ofOthers.TotalCount.ShouldBe(0);

        smtp.Accept();
        var replayed = await harness.AsTenantAsync<ReplayEmailEventsResultDto, IEmailDeadLetterAppService>(tenant,
            d => d.ReplayManyAsync(new ReplayEmailEventsDto([refused, other, Guid.NewGuid()])));
        replayed.Replayed.ShouldBe(2);
        // A selection is paced at EmailQueue:DeadLetterReplayRate (10 a second), in the order named.
        (replayed.LastDueAt - (await harness.GetAsync(tenant, refused)).NextAttemptAt).ShouldBe(TimeSpan.FromMilliseconds(100));
        await harness.MakeDueAsync();
        await harness.DeliverAsync();
        (await harness.GetAsync(tenant, refused)).Status.ShouldBe(EmailEventStatus.Sent);
        (await harness.GetAsync(tenant, other)).Attempts.Count.ShouldBe(2);
        smtp.Accepted.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ConcurrentClaims_NeverShareAnEvent_AndAnExpiredClaimIsTakenOver(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        for (var i = 0; i < 20; i++)
        {
            await harness.PublishQueuedAsync(tenant, $"user{i}@example.com");
        }

        var rounds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ClaimAsync(harness, 20, TimeSpan.FromMinutes(1))));
        var claimed = rounds.SelectMany(r => r).Select(c => c.Id).ToList();
        claimed.Count.ShouldBe(claimed.Distinct().Count(), "an event was claimed twice");
        claimed.Count.ShouldBe(20);
        (await ClaimAsync(harness, 20, TimeSpan.FromMinutes(1))).ShouldBeEmpty("claimed events wait for their lease to end");

        await harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>()
            .IgnoreQueryFilters().ExecuteUpdateAsync(set => set.SetProperty(e => e.ClaimedUntil, DateTime.UtcNow.AddSeconds(-1))));
        (await harness.DeliverAsync()).ShouldBe(20);
        (await harness.StoredEventsAsync()).ShouldAllBe(e => e.Status == EmailEventStatus.Sent && e.ClaimToken == null);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task AStoppingWorker_ReleasesWhatItClaimed_SoTheEventIsSentAtOnceByAnother(DatabaseProvider provider)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(provider, new Dictionary<string, string?> { ["EmailQueue:SendTimeout"] = "00:05:00" });
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.Stall();
        var id = await harness.PublishQueuedAsync(tenant);
        using var stopping = new CancellationTokenSource();

        var round = harness.Inner.Services.GetRequiredService<Delivery.EmailDelivery>().DeliverOnceAsync(stopping.Token);
        await Eventually.TrueAsync(() => Task.FromResult(smtp.Offered == 1), TimeSpan.FromSeconds(10), "the send is in flight");
        await stopping.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => round);
        var released = (await harness.StoredEventsAsync()).Single();
        released.ClaimToken.ShouldBeNull();
        released.Status.ShouldBe(EmailEventStatus.Queued);
        smtp.Accept();
        (await harness.DeliverAsync()).ShouldBe(1);
        (await harness.GetAsync(tenant, id)).Status.ShouldBe(EmailEventStatus.Sent);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheQueueStatus_CountsEachTypeByWhereItsEventsAre(DatabaseProvider provider)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(provider);
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        smtp.AnswerWith(554, "5.7.1 Refused");
        await harness.PublishQueuedAsync(tenant, "dead@example.com");
        await harness.DeliverAsync();
        smtp.AnswerWith(450, "4.2.0 Busy");
        await harness.PublishQueuedAsync(tenant, "later@example.com");
        await harness.DeliverAsync();
        await harness.PublishQueuedAsync(tenant, "waiting@example.com");
        await harness.PublishAsync(tenant, p => p.PublishContactFormAsync(
            (Payloads.ContactFormPayload)EmailSamples.OfEveryType().Single(e => e.Type == EmailEventType.ContactForm)));

        var status = await harness.AsTenantAsync<EmailQueueStatusDto, IEmailEventAppService>(tenant, e => e.GetQueueStatusAsync());
        var ofOthers = await harness.AsTenantAsync<EmailQueueStatusDto, IEmailEventAppService>(Guid.NewGuid(), e => e.GetQueueStatusAsync());

        var welcome = status.Types.Single(t => t.Type == EmailEventType.Welcome);
        (welcome.Waiting, welcome.Scheduled, welcome.InFlight, welcome.DeadLetters).ShouldBe((1, 1, 0, 1));
        welcome.OldestWaitingAgeSeconds.ShouldBeGreaterThanOrEqualTo(0);
        status.Types.Single(t => t.Type == EmailEventType.ContactForm).Waiting.ShouldBe(1);
        ofOthers.Types.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Retention_DeletesFinishedEventsWithTheirAttempts_AndKeepsUnfinishedOnes(DatabaseProvider provider)
    {
        await using var harness = await StartAsync(provider, new Dictionary<string, string?> { ["EmailQueue:Retention"] = "1.00:00:00" });
        var tenant = Guid.NewGuid();
        var old = await harness.PublishQueuedAsync(tenant, "old@example.com");
        await harness.DeliverAsync();
        var recent = await harness.PublishQueuedAsync(tenant, "recent@example.com");
        await harness.DeliverAsync();
        var waiting = await harness.PublishQueuedAsync(tenant, "waiting@example.com");
        await harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailEvent>().IgnoreQueryFilters()
            .Where(e => e.Id == old || e.Id == waiting)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.CompletedAt, e => e.Id == old ? DateTime.UtcNow.AddDays(-2) : e.CompletedAt)
                .SetProperty(e => e.AcceptedAt, DateTime.UtcNow.AddDays(-2))));

        await harness.Inner.InScopeAsync(async services =>
        {
            await services.GetRequiredService<ExpireEmailEventsJob>().ExecuteAsync(new ExpireEmailEventsArgs(), CancellationToken.None);
            return true;
        });

        (await harness.StoredEventsAsync()).Select(e => e.Id).ShouldBe([recent, waiting], ignoreOrder: true);
        var attempts = await harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailAttempt>()
            .IgnoreQueryFilters().Select(a => a.EmailEventId).ToListAsync());
        attempts.ShouldBe([recent]);
    }

    /// <summary>Seed property 16: workers sharing the database send each event once.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ConcurrentWorkers_SendEachEventOnce(DatabaseProvider provider)
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(provider, new Dictionary<string, string?> { ["EmailQueue:BatchSize"] = "4" });
        var tenants = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var tenant in tenants)
        {
            await harness.UseSmtpAsync(tenant, smtp);
        }

        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var to = $"user{i}@example.com";
            ids.Add((await harness.PublishAsync(tenants[i % 2], p => p.PublishWelcomeAsync(EmailSamples.Welcome(to)))).Id);
        }

        await Eventually.TrueAsync(async () => (await harness.StoredEventsAsync()).All(e => e.Status == EmailEventStatus.Queued),
            TimeSpan.FromSeconds(20), "every event is queued");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (await harness.DeliverAsync() > 0)
            {
            }
        })));

        var messageIds = smtp.Accepted.Select(m => System.Text.RegularExpressions.Regex.Match(Encoding.UTF8.GetString(m), "Message-Id: <([0-9a-f]{32})@").Groups[1].Value)
            .ToList();
        messageIds.Count.ShouldBe(24);
        messageIds.ShouldBe(ids.Select(id => id.ToString("N")), ignoreOrder: true);
        (await harness.StoredEventsAsync()).ShouldAllBe(e => e.Status == EmailEventStatus.Sent && e.AttemptCount == 1);
    }

    [Fact]
    public async Task TheSsrfGuard_RefusesPrivateAddressLiteralsAtInput_AndNamesLeadingThereWhenConnecting()
    {
        await using var harness = await StartAsync(settings: new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "false" });
        var tenant = Guid.NewGuid();

        var literal = await Should.ThrowAsync<Messaging.ExceptionHandling.InputValidationException>(() => SetSmtpAsync(harness, tenant, "127.0.0.1", 587));
        var port = await Should.ThrowAsync<Messaging.ExceptionHandling.InputValidationException>(() => SetSmtpAsync(harness, tenant, "smtp.example.com", 6379));
        await SetSmtpAsync(harness, tenant, "localhost", 25);
        var id = await harness.PublishQueuedAsync(tenant);
        await harness.DeliverAsync();

        literal.Errors.Keys.ShouldBe(["host"]);
        port.Errors.Keys.ShouldBe(["port"]);
        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.Queued);
        status.LastErrorClass.ShouldBe(EmailErrorClass.Transient);
        status.Attempts.Single().ServerAnswer.ShouldBe(Messaging.Infrastructure.EmailQueue.MailKitEmailTransport.CouldNotConnect);
    }

    private static Task<SmtpSettingsDto> SetSmtpAsync(EmailQueueHarness harness, Guid tenant, string host, int port) =>
        harness.AsTenantAsync<SmtpSettingsDto, IEmailSmtpSettingsAppService>(tenant,
            smtp => smtp.SetAsync(new SetSmtpSettingsDto { Host = host, Port = port, TlsMode = SmtpTlsMode.None }));

    private static Task<IReadOnlyList<ClaimedEmailEvent>> ClaimAsync(EmailQueueHarness harness, int count, TimeSpan lease) =>
        harness.Inner.InScopeAsync(services => services.GetRequiredService<IEmailDeliveryStore>().ClaimDueAsync(count, lease, CancellationToken.None));

    private static Task<Messaging.Dtos.PagedResultDto<EmailEventDto>> ListAsync(EmailQueueHarness harness, Guid tenant, GetEmailDeadLettersInput input) =>
        harness.AsTenantAsync<Messaging.Dtos.PagedResultDto<EmailEventDto>, IEmailDeadLetterAppService>(tenant, d => d.GetListAsync(input));
}
