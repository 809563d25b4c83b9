using Messaging.Dtos;

using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.Messages.Providers.Sandbox;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages.Providers;

public sealed class SandboxMessageSenderTests : IAsyncLifetime
{
    private readonly SharedSqliteFile _database = new();
    private ProviderHarness _instance = null!;

    public async Task InitializeAsync() => _instance = await ProviderHarness.StartAsync(_database.Path, new LocalBackplane());

    public async Task DisposeAsync()
    {
        await _instance.DisposeAsync();
        _database.Dispose();
    }

    private IMessageSender Sandbox => _instance.Sender(ProviderNames.Sandbox);

    private static readonly ProviderEndpoint Endpoint = new(ProviderNames.Sandbox, null, null, null, null);

    private Task<PagedResultDto<SandboxDeliveryDto>> ListAsync(Guid tenant, Guid? messageId = null) =>
        _instance.InTenantAsync(tenant, services => services.GetRequiredService<IMessageProviderAppService>()
            .GetSandboxDeliveriesAsync(new GetSandboxDeliveriesInput { MessageId = messageId }));

    [Fact]
    public async Task Send_RecordsWhatWouldHaveBeenSent_AndReportsItSent()
    {
        var tenant = Guid.NewGuid();
        var message = new OutgoingMessage(Guid.CreateVersion7(), tenant, MessageChannel.Sms, "+14155550123", "Your code is 123456",
            """{"order":"42"}""", 1);

        var result = await Sandbox.SendAsync(message, Endpoint, CancellationToken.None);

        result.ShouldBe(SendResult.Sent(SandboxMessageSender.ProviderMessageIdFor(message.MessageId)));
        var recorded = (await ListAsync(tenant)).Items.ShouldHaveSingleItem();
        recorded.MessageId.ShouldBe(message.MessageId);
        recorded.Channel.ShouldBe(MessageChannel.Sms);
        recorded.Recipient.ShouldBe("+14155550123");
        recorded.Content.ShouldBe("Your code is 123456");
        recorded.Metadata.ShouldNotBeNull()["order"].ShouldBe("42");
        recorded.Attempt.ShouldBe(1);
    }

    [Fact]
    public async Task Send_RepeatedForTheSameMessage_RecordsItOnce_UnderTheSameId()
    {
        var tenant = Guid.NewGuid();
        var message = new OutgoingMessage(Guid.CreateVersion7(), tenant, MessageChannel.WhatsApp, "+14155550123", "hello", null, 1);

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(attempt =>
            Sandbox.SendAsync(message with { Attempt = attempt }, Endpoint, CancellationToken.None)));

        results.Select(r => r.ProviderMessageId).Distinct().ShouldHaveSingleItem();
        results.ShouldAllBe(r => r.Outcome == SendOutcome.Sent);
        (await ListAsync(tenant)).TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task Records_AreSeenOnlyByTheirTenant_AndFilterByMessage()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var ofA = new OutgoingMessage(Guid.CreateVersion7(), a, MessageChannel.Webhook, "https://hooks.example.com/a", "{}", null, 1);
        var alsoOfA = ofA with { MessageId = Guid.CreateVersion7() };
        await Sandbox.SendAsync(ofA, Endpoint, CancellationToken.None);
        await Sandbox.SendAsync(alsoOfA, Endpoint, CancellationToken.None);

        var seenByA = await ListAsync(a);
        var seenByB = await ListAsync(b);
        var oneOfA = await ListAsync(a, ofA.MessageId);

        seenByA.TotalCount.ShouldBe(2);
        seenByA.Items.Select(d => d.MessageId).ShouldBe([alsoOfA.MessageId, ofA.MessageId]);
        seenByB.TotalCount.ShouldBe(0);
        seenByB.Items.ShouldBeEmpty();
        oneOfA.Items.ShouldHaveSingleItem().MessageId.ShouldBe(ofA.MessageId);
    }

    [Fact]
    public void Email_IsLeftToTheEmailQueueModule()
    {
        Sandbox.Supports(MessageChannel.Email).ShouldBeFalse();
        Sandbox.Supports(MessageChannel.Sms).ShouldBeTrue();
    }
}
