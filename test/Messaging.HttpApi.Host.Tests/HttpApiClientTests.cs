using System.Net;
using System.Text.Json.Nodes;
using Messaging.EmailQueue;
using Messaging.Messages;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class HttpApiClientTests(SharedHost shared)
{
    [Fact]
    public async Task TypedClient_SendsAndReadsStatus()
    {
        await using var services = ClientFor(HostProcess.DemoTenantKey);
        var messages = services.GetRequiredService<IMessageAppService>();

        var accepted = await messages.SendOneWayMessageAsync(
            new SendOneWayMessageDto { Channel = MessageChannel.WhatsApp, Recipient = "+447911123456", Content = "hi" }, null);
        var status = await messages.GetStatusAsync(accepted.TrackingId);

        status.TrackingId.ShouldBe(accepted.TrackingId);
        status.Channel.ShouldBe(MessageChannel.WhatsApp);
        status.History[0].Status.ShouldBe(MessageStatus.Accepted);
    }

    [Fact]
    public async Task TypedClient_ReportsProblemsWithTheirFields()
    {
        await using var services = ClientFor(HostProcess.DemoTenantKey);
        var messages = services.GetRequiredService<IMessageAppService>();

        var failure = await Should.ThrowAsync<MessagingApiException>(
            messages.SendOneWayMessageAsync(new SendOneWayMessageDto { Channel = MessageChannel.Sms, Content = "x" }, null));

        failure.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        failure.Code.ShouldBe("Messaging:ValidationFailed");
        failure.Errors.Keys.ShouldContain("recipient");
    }

    [Fact]
    public async Task TypedClient_SendsManyAndCancels()
    {
        // Without a fallback provider, the demo tenant's messages wait in Queued, where they can be cancelled.
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["Delivery__FallbackProvider"] = "" });
        await using var services = ClientFor(host, HostProcess.DemoTenantKey);
        var messages = services.GetRequiredService<IMessageAppService>();

        var result = await messages.SendManyAsync(new SendManyMessagesDto
        {
            Messages =
            [
                new SendOneWayMessageDto { Channel = MessageChannel.Sms, Recipient = "+447911123456", Content = "to withdraw" },
                new SendOneWayMessageDto { Channel = MessageChannel.Sms, Content = "no recipient" }
            ]
        }, null);
        var cancelled = await messages.CancelAsync(result.Items[0].TrackingId!.Value);

        result.Accepted.ShouldBe(1);
        result.Items[1].Problem!.Errors!.Keys.ShouldContain("recipient");
        cancelled.Status.ShouldBe(MessageStatus.Cancelled);
    }

    [Fact]
    public async Task TypedClient_WithWrongKey_FailsWith401WithoutRetrying()
    {
        await using var services = ClientFor("wrong-key");
        var messages = services.GetRequiredService<IMessageAppService>();

        var failure = await Should.ThrowAsync<MessagingApiException>(messages.GetStatusAsync(Guid.NewGuid()));

        failure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TypedEmailClients_PublishReadAndFilter_AndReportProblems()
    {
        await using var services = ClientFor(HostProcess.DemoTenantKey);
        var events = services.GetRequiredService<IEmailEventAppService>();
        var deadLetters = services.GetRequiredService<IEmailDeadLetterAppService>();
        var suppressions = services.GetRequiredService<IEmailSuppressionAppService>();
        var welcome = new JsonObject { ["to"] = "ada@example.com", ["name"] = "Ada" };

        var accepted = await events.PublishAsync(new PublishEmailEventDto(EmailEventType.Welcome, welcome), null);
        var again = await events.PublishAsync(new PublishEmailEventDto(EmailEventType.Welcome, welcome), "typed-client-key");
        var sameKey = await events.PublishAsync(new PublishEmailEventDto(EmailEventType.Welcome, welcome), "typed-client-key");
        var stored = await events.GetAsync(accepted.Id);
        var queue = await events.GetQueueStatusAsync();
        var filtered = await deadLetters.GetListAsync(new GetEmailDeadLettersInput
        {
            Type = EmailEventType.Welcome,
            ErrorClass = EmailErrorClass.Permanent,
            Code = "5.1.1",
            From = DateTime.UtcNow.AddDays(-1),
            To = DateTime.UtcNow,
            MaxResultCount = 10
        });
        var audit = await deadLetters.GetAuditAsync(new GetEmailDeadLetterAuditInput());
        var listed = await suppressions.GetListAsync(new GetEmailSuppressionsInput { Address = "nobody@example.com" });
        var invalid = await Should.ThrowAsync<MessagingApiException>(events.PublishAsync(new PublishEmailEventDto(EmailEventType.Welcome,
            new JsonObject { ["to"] = "nobody" }), null));
        var notADeadLetter = await Should.ThrowAsync<MessagingApiException>(deadLetters.ReplayAsync(accepted.Id));

        stored.Type.ShouldBe(EmailEventType.Welcome);
        stored.Recipient.ShouldBe("ada@example.com");
        sameKey.Id.ShouldBe(again.Id);
        queue.MeasuredAt.ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
        filtered.TotalCount.ShouldBe(0);
        audit.Items.ShouldNotBeNull();
        listed.TotalCount.ShouldBe(0);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Errors.Keys.ShouldBe(["payload.to", "payload.name"], ignoreOrder: true);
        notADeadLetter.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private ServiceProvider ClientFor(string apiKey) => ClientFor(shared.Host, apiKey);

    private static ServiceProvider ClientFor(HostProcess host, string apiKey) =>
        new ServiceCollection()
            .AddMessagingHttpApiClient(options =>
            {
                options.BaseAddress = host.BaseAddress;
                options.ApiKey = apiKey;
            })
            .BuildServiceProvider();
}
