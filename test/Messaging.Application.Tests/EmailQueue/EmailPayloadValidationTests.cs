using CsCheck;
using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue;

/// <summary>Seed property 12: an event is validated before it is queued, and every problem names its field.</summary>
public class EmailPayloadValidationTests
{
    [Fact]
    public void ValidPayloads_OfEveryType_HaveNoProblems()
    {
        var samples = EmailSamples.OfEveryType();

        samples.Select(p => p.Type).ShouldBe(Enum.GetValues<EmailEventType>(), ignoreOrder: true);
        foreach (var payload in samples)
        {
            payload.Validate().ShouldBeEmpty(payload.Type.ToString());
            EmailPayload.ContractOf(payload.Type).ShouldBe(payload.GetType());
        }
    }

    [Fact]
    public void EmptyPayloads_NameEveryRequiredField()
    {
        new OrderConfirmationPayload().Validate().Keys.ShouldBe(
            ["payload.to", "payload.customerName", "payload.orderNumber", "payload.total", "payload.currency", "payload.items"], ignoreOrder: true);
        new AdminOrderNotificationPayload().Validate().Keys.ShouldBe(
            ["payload.to", "payload.orderNumber", "payload.customerName", "payload.customerEmail", "payload.total", "payload.currency"], ignoreOrder: true);
        new ShippingNotificationPayload().Validate().Keys.ShouldBe(
            ["payload.to", "payload.customerName", "payload.orderNumber", "payload.carrier", "payload.trackingNumber"], ignoreOrder: true);
        new OrderStatusUpdatePayload().Validate().Keys.ShouldBe(
            ["payload.to", "payload.customerName", "payload.orderNumber", "payload.status"], ignoreOrder: true);
        new WelcomePayload().Validate().Keys.ShouldBe(["payload.to", "payload.name"], ignoreOrder: true);
        new PasswordResetPayload().Validate().Keys.ShouldBe(["payload.to", "payload.resetUrl", "payload.expiresAt"], ignoreOrder: true);
        new ContactFormPayload().Validate().Keys.ShouldBe(
            ["payload.to", "payload.fromName", "payload.fromEmail", "payload.subject", "payload.message"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@localhost")]
    [InlineData("ada@exa mple.com")]
    [InlineData("ada@example.com\r\nBcc: all@example.com")]
    public void AddressesAnSmtpPathCannotCarry_AreRefused(string to) =>
        EmailSamples.Welcome(to).Validate().Keys.ShouldBe(["payload.to"]);

    [Fact]
    public void OverlongFields_AndBadItems_AreNamedByTheirPath()
    {
        var order = (OrderConfirmationPayload)EmailSamples.OfEveryType()[0];
        var errors = (order with
        {
            CustomerName = new string('a', EmailQueueConsts.MaxNameLength + 1),
            Items = [new OrderItem { Name = "Tea", Quantity = 0, UnitPrice = -1 }],
            Currency = "eur"
        }).Validate();

        errors.Keys.ShouldBe(["payload.customerName", "payload.items[0].quantity", "payload.items[0].unitPrice", "payload.currency"], ignoreOrder: true);
    }

    [Fact]
    public void ATextField_IsValid_ExactlyWhenPresentAndWithinItsLength() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, EmailQueueConsts.MaxNameLength * 2].Sample(name =>
        {
            var valid = name.Length is > 0 and <= EmailQueueConsts.MaxNameLength;
            (EmailSamples.Welcome() with { Name = name }).Validate().ContainsKey("payload.name").ShouldBe(!valid, name);
        });

    [Fact]
    public void AnAddress_IsValid_WhenLocalPartAndDottedDomainAreWellFormed() =>
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.String[Gen.Char.AlphaNumeric, 2, 6])
            .Sample((local, domain, top) =>
            {
                var address = $"{local}@{domain}.{top}";
                EmailSamples.Welcome(address).Validate().ShouldBeEmpty(address);
                EmailSamples.Welcome($"{local}{domain}.{top}").Validate().Keys.ShouldBe(["payload.to"]);
            });
}
