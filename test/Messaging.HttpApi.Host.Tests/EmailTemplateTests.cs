using System.Net;
using System.Net.Http.Json;
using System.Text;
using Messaging.TestSupport;
using MimeKit;

namespace Messaging;

/// <summary>A tenant's own templates through the host, delivered to the tenant's SMTP server (the emulator).</summary>
[Collection(MailHostCollection.Name)]
public class EmailTemplateTests(MailHost mailHost)
{
    [Fact]
    public async Task ASavedTemplate_IsWhatTheRecipientGets_ARollbackBringsTheEarlierBack_AndOtherTenantsKeepTheDefault()
    {
        await using var smtp = SmtpEmulator.Start();
        using var owner = await mailHost.CreateTenantAsync(smtp.Port);
        using var other = await mailHost.CreateTenantAsync(smtp.Port);

        var first = await SaveAsync(owner, "Ahoy {{ name }}", "Ahoy, {{ name }}!", "<p>Ahoy, <b>{{ name }}</b>!</p>", expectedRevision: 0);
        var second = await SaveAsync(owner, "Good day {{ name }}", "Good day, {{ name }}.", "<p>Good day, {{ name }}.</p>", expectedRevision: 1);
        (await ReceivedAsync(owner, smtp)).ShouldSatisfyAllConditions(
            m => m.Subject.ShouldBe("Good day Ada"),
            m => m.HtmlBody!.ShouldContain("<p>Good day, Ada.</p>"),
            m => m.TextBody!.ShouldContain("Good day, Ada."));

        var firstId = first["activeVersion"]!["id"]!.GetValue<Guid>();
        using var rollback = await owner.PostAsJsonAsync($"api/app/email-template/Welcome/versions/{firstId}/activate", new { expectedRevision = 2 });
        (await rollback.JsonAsync(HttpStatusCode.OK))["activeVersion"]!["number"]!.GetValue<int>().ShouldBe(1);
        (await ReceivedAsync(owner, smtp)).ShouldSatisfyAllConditions(
            m => m.Subject.ShouldBe("Ahoy Ada"),
            m => m.HtmlBody!.ShouldContain("<p>Ahoy, <b>Ada</b>!</p>"));
        (await ReceivedAsync(other, smtp)).Subject.ShouldBe("Welcome");

        using var listed = await other.GetAsync("api/app/email-template");
        (await listed.JsonArrayAsync()).Single(t => t!["type"]!.GetValue<string>() == "Welcome")!["source"]!.GetValue<string>().ShouldBe("Default");
        using var foreignVersion = await other.GetAsync($"api/app/email-template/Welcome/versions/{firstId}");
        await foreignVersion.ProblemAsync(HttpStatusCode.NotFound);
        using var foreignActivation = await other.PostAsJsonAsync($"api/app/email-template/Welcome/versions/{firstId}/activate", new { });
        await foreignActivation.ProblemAsync(HttpStatusCode.NotFound);
        second["revision"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task RefusedChanges_AreProblems_AndAReadOnlyKeyMayReadAndPreviewButNotSave()
    {
        var host = mailHost.Host;
        using var tenant = await mailHost.CreateTenantAsync();
        using var created = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "reader", permissions = new[] { "Messaging.EmailQueue" } });
        using var reader = host.Client((await created.JsonAsync(HttpStatusCode.Created))["key"]!.GetValue<string>());

        using var syntax = await tenant.PostAsJsonAsync("api/app/email-template/Welcome/versions", new { subject = "Hi", text = "{% if name %}", html = "" });
        using var unknownType = await tenant.PostAsJsonAsync("api/app/email-template/Birthday/versions", new { subject = "Hi", text = "Hi" });
        using var tooLong = await tenant.PostAsJsonAsync("api/app/email-template/Welcome/versions",
            new { subject = new string('s', 999), text = "Hi" });
        await SaveAsync(tenant, "Hi {{ name }}", "Hi, {{ name }}.", null, expectedRevision: null);
        using var stale = await tenant.PostAsJsonAsync("api/app/email-template/Welcome/versions", new { subject = "Hi", text = "Hi", expectedRevision = 0 });
        using var readerSave = await reader.PostAsJsonAsync("api/app/email-template/Welcome/versions", new { subject = "Hi", text = "Hi" });
        using var readerGet = await reader.GetAsync("api/app/email-template/Welcome");
        using var readerPreview = await reader.PostAsJsonAsync("api/app/email-template/Welcome/preview",
            new { subject = "Hey {{ name }}", text = "Hey", payload = new { to = "bo@example.com", name = "Bo" } });
        using var badPreview = await reader.PostAsJsonAsync("api/app/email-template/Welcome/preview", new { subject = "{{ nope }}", text = "x" });

        var syntaxProblem = await syntax.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        syntaxProblem["code"]!.GetValue<string>().ShouldBe("Messaging:EmailQueue:TemplateSyntax");
        syntaxProblem["detail"]!.GetValue<string>().ShouldContain("text part");
        (await unknownType.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("type").ShouldBeTrue();
        (await tooLong.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("subject").ShouldBeTrue();
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        await readerSave.ProblemAsync(HttpStatusCode.Forbidden);
        var read = await readerGet.JsonAsync(HttpStatusCode.OK);
        read["activeVersion"]!["number"]!.GetValue<int>().ShouldBe(1);
        read["content"]!["html"].ShouldBeNull();
        (await readerPreview.JsonAsync(HttpStatusCode.OK))["subject"]!.GetValue<string>().ShouldBe("Hey Bo");
        (await badPreview.ProblemAsync(HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>().ShouldContain("subject: nope");
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> SaveAsync(HttpClient tenant, string subject, string text, string? html, int? expectedRevision)
    {
        using var saved = await tenant.PostAsJsonAsync("api/app/email-template/Welcome/versions", new { subject, text, html, expectedRevision });
        return await saved.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Publishes a welcome email and reads what the emulator received for it.</summary>
    private static async Task<MimeMessage> ReceivedAsync(HttpClient tenant, SmtpEmulator smtp)
    {
        var id = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome(), null);
        await EmailEventTests.StatusWhenAsync(tenant, id, "Sent");
        var raw = smtp.Accepted.Single(m => Encoding.UTF8.GetString(m).Contains($"<{id:N}@example.com>", StringComparison.Ordinal));
        using var stream = new MemoryStream(raw);
        return await MimeMessage.LoadAsync(stream);
    }
}
