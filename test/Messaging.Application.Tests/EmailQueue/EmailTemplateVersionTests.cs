using System.Text.Json.Nodes;
using Messaging.EmailQueue.Templates;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>A tenant's own templates: versions, rollback, pruning, the checks a save passes, previews, and what delivery renders.</summary>
public class EmailTemplateVersionTests
{
    private static SaveEmailTemplateDto Welcome(string greeting, int? expectedRevision = null) => new()
    {
        Subject = greeting + " {{ name }}",
        Text = greeting + ", {{ name }}!\n",
        Html = "<p>" + greeting + ", {{ name }}!</p>",
        ExpectedRevision = expectedRevision
    };

    private static Task<T> AsTenant<T>(EmailQueueHarness harness, Guid tenant, Func<IEmailTemplateAppService, Task<T>> work) =>
        harness.AsTenantAsync(tenant, work);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Saves_AreNumberedVersions_TheNewestActive_AndActivatingAnOlderOneRollsBack(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();

        var first = await AsTenant(harness, tenant, t => t.SaveAsync("welcome", Welcome("Hi")));
        var second = await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hello", expectedRevision: first.Revision)));
        var versions = await AsTenant(harness, tenant, t => t.GetVersionsAsync("Welcome"));
        var rolledBack = await AsTenant(harness, tenant, t => t.ActivateAsync("Welcome", versions[1].Id, new ChangeEmailTemplateDto()));
        var list = await AsTenant(harness, tenant, t => t.GetListAsync());

        first.ActiveVersion!.Number.ShouldBe(1);
        second.ActiveVersion!.Number.ShouldBe(2);
        second.Content.Subject.ShouldBe("Hello {{ name }}");
        second.Default.Subject.ShouldBe(DefaultEmailTemplates.For(EmailEventType.Welcome).Subject);
        second.Variables.ShouldContain("confirmEmailUrl");
        versions.Select(v => (v.Number, v.Active)).ShouldBe([(2, true), (1, false)]);
        rolledBack.ActiveVersion!.Number.ShouldBe(1);
        rolledBack.Content.Text.ShouldBe("Hi, {{ name }}!\n");
        rolledBack.Revision.ShouldBe(3);
        list.Count.ShouldBe(Enum.GetValues<EmailEventType>().Length);
        list.Single(s => s.Type == EmailEventType.Welcome).ShouldSatisfyAllConditions(
            s => s.Source.ShouldBe(EmailTemplateSource.Custom), s => s.ActiveVersion.ShouldBe(1));
        list.Where(s => s.Type != EmailEventType.Welcome).ShouldAllBe(s => s.Source == EmailTemplateSource.Default && s.ActiveVersion == null);
    }

    [Fact]
    public async Task BeyondMaxTemplateVersions_TheOldestInactiveVersionsArePruned_AndNumbersAreNeverReused()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["EmailQueue:MaxTemplateVersions"] = "3" });
        var tenant = Guid.NewGuid();
        for (var i = 1; i <= 5; i++)
        {
            await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome($"Hello {i}")));
        }

        var kept = await AsTenant(harness, tenant, t => t.GetVersionsAsync("Welcome"));
        await AsTenant(harness, tenant, t => t.ActivateAsync("Welcome", kept[^1].Id, new ChangeEmailTemplateDto()));
        var sixth = await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hello 6")));
        var afterwards = await AsTenant(harness, tenant, t => t.GetVersionsAsync("Welcome"));

        kept.Select(v => v.Number).ShouldBe([5, 4, 3]);
        sixth.ActiveVersion!.Number.ShouldBe(6);
        afterwards.Select(v => v.Number).ShouldBe([6, 5, 4]);
    }

    [Fact]
    public async Task ARefusedSave_StoresNothing_AndSaysWhy()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();

        var syntax = await Should.ThrowAsync<UnprocessableRequestException>(() =>
            AsTenant(harness, tenant, t => t.SaveAsync("Welcome", new SaveEmailTemplateDto { Subject = "Hi", Text = "ok", Html = "<p>{% if name %}</p>" })));
        var unknown = await Should.ThrowAsync<UnprocessableRequestException>(() =>
            AsTenant(harness, tenant, t => t.SaveAsync("Welcome", new SaveEmailTemplateDto { Subject = "Hi", Text = "{{ orderNumber }}" })));
        var type = await Should.ThrowAsync<InputValidationException>(() => AsTenant(harness, tenant, t => t.SaveAsync("Birthday", Welcome("Hi"))));
        var number = await Should.ThrowAsync<InputValidationException>(() => AsTenant(harness, tenant, t => t.SaveAsync("4", Welcome("Hi"))));
        var tooLong = await Should.ThrowAsync<InputValidationException>(() => AsTenant(harness, tenant, t =>
            t.SaveAsync("Welcome", new SaveEmailTemplateDto { Subject = "Hi", Text = new string('x', EmailQueueConsts.MaxTemplatePartLength + 1) })));
        var missing = await Should.ThrowAsync<InputValidationException>(() =>
            AsTenant(harness, tenant, t => t.SaveAsync("Welcome", new SaveEmailTemplateDto { Text = "ok" })));

        syntax.Code.ShouldBe(EmailQueueErrorCodes.TemplateSyntax);
        syntax.Message.ShouldContain("html part");
        unknown.Code.ShouldBe(EmailQueueErrorCodes.TemplateUnknownVariables);
        unknown.Message.ShouldContain("text: orderNumber");
        type.Errors.Keys.ShouldBe(["type"]);
        number.Errors.Keys.ShouldBe(["type"]);
        tooLong.Errors.Keys.ShouldBe(["text"]);
        missing.Errors.Keys.ShouldBe(["subject"]);
        (await AsTenant(harness, tenant, t => t.GetVersionsAsync("Welcome"))).ShouldBeEmpty();
        (await AsTenant(harness, tenant, t => t.GetAsync("Welcome"))).Source.ShouldBe(EmailTemplateSource.Default);
    }

    [Fact]
    public async Task AChangeAgainstAStaleRevision_IsAConflict_AndChangesNothing()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();
        var read = await AsTenant(harness, tenant, t => t.GetAsync("Welcome"));
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hi", expectedRevision: read.Revision)));

        await Should.ThrowAsync<ConflictException>(() => AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hello", expectedRevision: read.Revision))));
        await Should.ThrowAsync<ConflictException>(() =>
            AsTenant(harness, tenant, t => t.ResetAsync("Welcome", new ChangeEmailTemplateDto { ExpectedRevision = read.Revision })));

        var current = await AsTenant(harness, tenant, t => t.GetAsync("Welcome"));
        current.ActiveVersion!.Number.ShouldBe(1);
        current.Revision.ShouldBe(1);
    }

    [Fact]
    public async Task AnotherTenantsVersionIds_AreNotFound()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var (owner, other) = (Guid.NewGuid(), Guid.NewGuid());
        var saved = await AsTenant(harness, owner, t => t.SaveAsync("Welcome", Welcome("Hi")));
        await AsTenant(harness, other, t => t.SaveAsync("Welcome", Welcome("Hello")));
        var versionId = saved.ActiveVersion!.Id;

        await Should.ThrowAsync<EntityNotFoundException>(() => AsTenant(harness, other, t => t.GetVersionAsync("Welcome", versionId)));
        await Should.ThrowAsync<EntityNotFoundException>(() => AsTenant(harness, other, t => t.ActivateAsync("Welcome", versionId, new ChangeEmailTemplateDto())));
        (await AsTenant(harness, owner, t => t.GetVersionAsync("Welcome", versionId))).Number.ShouldBe(1);
    }

    [Fact]
    public async Task APreview_RendersUnsavedContentOrTheActiveOne_WithTheSampleOrAGivenPayload()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();

        var shipped = await AsTenant(harness, tenant, t => t.PreviewAsync("Welcome", new PreviewEmailTemplateDto()));
        var unsaved = await AsTenant(harness, tenant, t => t.PreviewAsync("Welcome",
            new PreviewEmailTemplateDto { Subject = "Hey {{ name }}", Text = "Hey <{{ name }}>", Payload = new JsonObject { ["to"] = "a@example.com", ["name"] = "Bo" } }));
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hi")));
        var active = await AsTenant(harness, tenant, t => t.PreviewAsync("Welcome", new PreviewEmailTemplateDto()));
        var badPayload = await Should.ThrowAsync<InputValidationException>(() => AsTenant(harness, tenant, t =>
            t.PreviewAsync("Welcome", new PreviewEmailTemplateDto { Payload = new JsonObject { ["to"] = "not an address", ["name"] = "Bo" } })));
        var endless = await Should.ThrowAsync<UnprocessableRequestException>(() => AsTenant(harness, tenant, t =>
            t.PreviewAsync("Welcome", new PreviewEmailTemplateDto { Subject = "Hi", Text = "{% for i in (1..500000) %}x{% endfor %}" })));

        shipped.Source.ShouldBe(EmailTemplateSource.Default);
        shipped.Text.ShouldContain("Hello Ada Lovelace,");
        unsaved.Subject.ShouldBe("Hey Bo");
        unsaved.Text.ShouldBe("Hey <Bo>");
        unsaved.Html.ShouldBeNull();
        active.Source.ShouldBe(EmailTemplateSource.Custom);
        active.Html.ShouldBe("<p>Hi, Ada Lovelace!</p>");
        badPayload.Errors.Keys.ShouldContain("payload.to");
        endless.Code.ShouldBe(EmailQueueErrorCodes.TemplateRenderFailed);
        (await AsTenant(harness, tenant, t => t.GetVersionsAsync("Welcome"))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task SavesActivationsAndResets_AreAudited()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();
        var first = await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hi")));
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hello")));
        await AsTenant(harness, tenant, t => t.ActivateAsync("Welcome", first.ActiveVersion!.Id, new ChangeEmailTemplateDto()));
        await AsTenant(harness, tenant, t => t.ResetAsync("Welcome", new ChangeEmailTemplateDto()));

        var (total, entries) = await harness.AsTenantAsync<(int, IReadOnlyList<EmailQueueAudit>), EmailQueueAuditLog>(tenant,
            audit => audit.ListAsync([EmailQueueAuditSubjects.Template], 0, 10, CancellationToken.None));

        total.ShouldBe(4);
        entries.Select(e => e.Change).ShouldBe(
            [EmailQueueAuditChange.Reset, EmailQueueAuditChange.Activated, EmailQueueAuditChange.Created, EmailQueueAuditChange.Created]);
        entries.Single(e => e.Change == EmailQueueAuditChange.Activated).SubjectId.ShouldBe(first.ActiveVersion!.Id);
        entries.Last().State!.ShouldContain("\"version\":1");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Delivery_RendersTheTenantsActiveVersion_AndTheDefaultAfterAReset(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        await harness.Inner.StartRelayAsync();
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", new SaveEmailTemplateDto { Subject = "Ahoy {{ name }}", Text = "Ahoy, {{ name }}!" }));

        var custom = await harness.PublishQueuedAsync(tenant);
        var ofOther = await harness.PublishQueuedAsync(other);
        await harness.DeliverAsync();
        await AsTenant(harness, tenant, t => t.ResetAsync("Welcome", new ChangeEmailTemplateDto()));
        var afterReset = await harness.PublishQueuedAsync(tenant);
        await harness.DeliverAsync();

        var customEmail = MimeKit.MimeMessage.Load(Path.Combine(harness.PickupFolder, $"{custom:N}.eml"));
        customEmail.Subject.ShouldBe("Ahoy Ada");
        customEmail.TextBody!.Trim().ShouldBe("Ahoy, Ada!");
        customEmail.HtmlBody.ShouldBeNull();
        MimeKit.MimeMessage.Load(Path.Combine(harness.PickupFolder, $"{ofOther:N}.eml")).Subject.ShouldBe("Welcome");
        MimeKit.MimeMessage.Load(Path.Combine(harness.PickupFolder, $"{afterReset:N}.eml")).Subject.ShouldBe("Welcome");
    }

    [Fact]
    public async Task ATemplateThatFailsToRender_DeadLettersTheEventAsPermanent_WithoutACall()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        await harness.Inner.StartRelayAsync();
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        // It parses and names no unknown variable, so it is saved; its loop passes the render's step bound on every payload.
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome",
            new SaveEmailTemplateDto { Subject = "Hi {{ name }}", Text = "{% for i in (1..500000) %}{{ name }}{% endfor %}" }));
        var id = await harness.PublishQueuedAsync(tenant);

        await harness.DeliverAsync();

        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.DeadLettered);
        status.LastErrorClass.ShouldBe(EmailErrorClass.Permanent);
        var attempt = status.Attempts.Single();
        attempt.ErrorClass.ShouldBe(EmailErrorClass.Permanent);
        attempt.ReplyCode.ShouldBe(EmailAttempt.TemplateFailed);
        attempt.ServerAnswer!.ShouldContain(EmailQueueErrorCodes.TemplateRenderFailed);
        smtp.Offered.ShouldBe(0);
    }

    [Fact]
    public async Task ASave_IsWhatTheNextRenderReads_ThoughTheDefaultWasCached()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();
        var renderer = harness.Inner.Services.GetRequiredService<EmailRenderer>();
        using (harness.Inner.CurrentTenant.Change(tenant))
        {
            (await renderer.ActiveAsync(EmailEventType.Welcome)).ShouldBeNull();
        }

        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hi")));

        using (harness.Inner.CurrentTenant.Change(tenant))
        {
            (await renderer.ActiveAsync(EmailEventType.Welcome))!.Number.ShouldBe(1);
        }
    }

    /// <summary>The cache hands out one entry, whose template is parsed once: not again for every email.</summary>
    [Fact]
    public async Task AnActiveVersion_IsParsedOncePerCachedEntry_AndAgainAfterAChange()
    {
        await using var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite);
        var tenant = Guid.NewGuid();
        var renderer = harness.Inner.Services.GetRequiredService<EmailRenderer>();
        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hi")));
        ParsedEmailTemplate first;

        using (harness.Inner.CurrentTenant.Change(tenant))
        {
            first = (await renderer.ActiveAsync(EmailEventType.Welcome))!.Parsed;
            (await renderer.ActiveAsync(EmailEventType.Welcome))!.Parsed.ShouldBeSameAs(first);
            await renderer.RenderAsync(EmailEventType.Welcome, await renderer.ActiveAsync(EmailEventType.Welcome), EmailPayloadJson.Store(EmailSamples.Welcome()));
            (await renderer.ActiveAsync(EmailEventType.Welcome))!.Parsed.ShouldBeSameAs(first);
        }

        await AsTenant(harness, tenant, t => t.SaveAsync("Welcome", Welcome("Hello again")));

        using (harness.Inner.CurrentTenant.Change(tenant))
        {
            var changed = await renderer.ActiveAsync(EmailEventType.Welcome);
            changed!.Number.ShouldBe(2);
            changed.Parsed.ShouldNotBeSameAs(first);
        }
    }
}
