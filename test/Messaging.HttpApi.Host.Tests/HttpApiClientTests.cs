using System.Net;
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
