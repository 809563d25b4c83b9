using CsCheck;
using Messaging.EmailQueue.Payloads;
using Messaging.EmailQueue.Templates;
using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue;

/// <summary>The shipped templates render every event type, escape what a payload brings into HTML, and a template is checked when it is parsed.</summary>
public class EmailTemplateTests
{
    public static TheoryData<EmailEventType> Types() => [.. Enum.GetValues<EmailEventType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task EveryDefault_RendersItsSample_InAllThreeParts(EmailEventType type)
    {
        var sample = DefaultEmailTemplates.SampleOf(type);
        sample.Validate().ShouldBeEmpty();

        var rendered = await EmailTemplateEngine.RenderAsync(EmailRenderer.DefaultOf(type), sample);

        rendered.Subject.ShouldNotBeNullOrWhiteSpace();
        rendered.Subject.ShouldNotContain("\n");
        rendered.Html.ShouldStartWith("<!DOCTYPE html>");
        rendered.Text.ShouldNotContain("<p>");
        foreach (var value in EmailPayloadContract.ValuesOf(sample).Where(v => v.Key != "to").Select(v => v.Value).OfType<string>())
        {
            (rendered.Subject + rendered.Text).ShouldContain(value, customMessage: type.ToString());
        }
    }

    [Fact]
    public async Task OrderConfirmation_ReadsAsTheFixedTextDid()
    {
        var rendered = await EmailTemplateEngine.RenderAsync(EmailRenderer.DefaultOf(EmailEventType.OrderConfirmation), EmailSamples.OfEveryType()[0]);

        rendered.Subject.ShouldBe("Order 1001 confirmed");
        rendered.Text.ShouldBe("Hello Ada,\nthank you for your order 1001.\n\n2 x Tea at 21.25 EUR\n\nTotal: 42.50 EUR\n");
    }

    [Fact]
    public async Task PasswordReset_StatesTheExpiryInUtc()
    {
        var payload = (PasswordResetPayload)DefaultEmailTemplates.SampleOf(EmailEventType.PasswordReset);

        var rendered = await EmailTemplateEngine.RenderAsync(EmailRenderer.DefaultOf(EmailEventType.PasswordReset), payload);

        rendered.Text.ShouldContain("The link works until 2030-01-01 12:00:00Z.");
    }

    [Fact]
    public async Task APayloadsMarkup_IsEscapedInHtml_AndKeptInText()
    {
        var payload = new ContactFormPayload
        {
            To = "shop@example.com",
            FromName = "Eve",
            FromEmail = "eve@example.com",
            Subject = "Hi",
            Message = "<script>alert(1)</script>"
        };

        var rendered = await EmailTemplateEngine.RenderAsync(EmailRenderer.DefaultOf(EmailEventType.ContactForm), payload);

        rendered.Html.ShouldNotContain("<script>");
        rendered.Html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        rendered.Text.ShouldContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task ASubject_StaysOneLine_WhatEverThePayloadCarries()
    {
        var template = EmailTemplateEngine.Parse(EmailEventType.ContactForm, new EmailTemplateContent("{{ message }}", "", ""));
        var payload = (ContactFormPayload)DefaultEmailTemplates.SampleOf(EmailEventType.ContactForm) with { Message = "one\r\nBcc: eve@example.com" };

        var rendered = await EmailTemplateEngine.RenderAsync(template, payload);

        rendered.Subject.ShouldBe("one Bcc: eve@example.com");
    }

    [Theory]
    [InlineData("{{ orderNumber ", "", "", "subject")]
    [InlineData("x", "{% if orderNumber %}open", "", "html")]
    [InlineData("x", "", "{% for item in items %}{{ item.name }}", "text")]
    public void ASyntaxError_IsRefused_NamingItsPart(string subject, string html, string text, string part)
    {
        var refusal = Should.Throw<UnprocessableRequestException>(() =>
            EmailTemplateEngine.Parse(EmailEventType.OrderConfirmation, new EmailTemplateContent(subject, html, text)));

        refusal.Code.ShouldBe(EmailQueueErrorCodes.TemplateSyntax);
        refusal.Message.ShouldContain($"The {part} part is not valid Liquid");
    }

    [Fact]
    public void VariablesThePayloadDoesNotCarry_AreRefused_ByName()
    {
        var content = new EmailTemplateContent(
            "{{ orderNumber }} {{ coupon }}",
            "{% for item in items %}{{ item.name }} {{ item.colour }}{% endfor %}",
            "{% assign greeting = 'Hi' %}{{ greeting }} {{ customerName.first }} {{ total.cents }} {{ forloop.index }}");

        var refusal = Should.Throw<UnprocessableRequestException>(() => EmailTemplateEngine.Parse(EmailEventType.OrderConfirmation, content));

        refusal.Code.ShouldBe(EmailQueueErrorCodes.TemplateUnknownVariables);
        refusal.Message.ShouldContain("subject: coupon");
        refusal.Message.ShouldContain("html: items[].colour");
        refusal.Message.ShouldContain("text: total.cents");
        refusal.Message.ShouldNotContain("greeting");
        refusal.Message.ShouldNotContain("customerName");
        refusal.Message.ShouldNotContain("forloop");
    }

    [Fact]
    public void AnotherTypesVariable_IsRefused()
    {
        var refusal = Should.Throw<UnprocessableRequestException>(() =>
            EmailTemplateEngine.Parse(EmailEventType.Welcome, new EmailTemplateContent("{{ resetUrl }}", "", "")));

        refusal.Message.ShouldContain("subject: resetUrl");
    }

    [Fact]
    public void AnyValidPayload_RendersWithTheDefaults_WithoutMarkupFromThePayload() =>
        Payloads.Where(payload => payload.Validate().Count == 0).Sample(payload =>
        {
            var rendered = EmailTemplateEngine.RenderAsync(EmailRenderer.DefaultOf(payload.Type), payload).AsTask().GetAwaiter().GetResult();
            rendered.Subject.ShouldNotContain("\n");
            rendered.Html.ShouldNotContain("<x");
        }, iter: 2000);

    private static readonly Gen<string> Text = Gen.String[Gen.Char[" abcxyz<>&\"'\n{}%éü0123456789"], 1, 40];
    private static readonly Gen<string?> OptionalText = Gen.OneOf(Gen.Const((string?)null), Text.Select(text => (string?)text));
    private static readonly Gen<string> Address = Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(local => $"{local}@example.com");
    private static readonly Gen<string?> Url = Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(path => (string?)$"https://example.com/{path}"));
    private static readonly Gen<decimal> Amount = Gen.Decimal[0m, 100000m].Select(amount => Math.Round(amount, 2));
    private static readonly Gen<string> Currency = Gen.Int[0, 2].Select(i => new[] { "EUR", "USD", "CHF" }[i]);

    private static readonly Gen<OrderItem> Item = Gen.Select(Text, Gen.Int[1, 99], Amount, (name, quantity, price) => new OrderItem { Name = name, Quantity = quantity, UnitPrice = price });

    private static readonly Gen<EmailPayload> Payloads = Gen.OneOf<EmailPayload>(
        Gen.Select(Address, Text, Text, Item.Array[1, 5], Amount, Currency, (to, name, number, items, total, currency) =>
            (EmailPayload)new OrderConfirmationPayload { To = to, CustomerName = name, OrderNumber = number, Items = items, Total = total, Currency = currency }),
        Gen.Select(Address, Text, Text, Address, Amount, Currency, (to, number, name, email, total, currency) =>
            (EmailPayload)new AdminOrderNotificationPayload { To = to, OrderNumber = number, CustomerName = name, CustomerEmail = email, Total = total, Currency = currency }),
        Gen.Select(Address, Text, Text, Text, Text, Url, (to, name, number, carrier, tracking, url) =>
            (EmailPayload)new ShippingNotificationPayload { To = to, CustomerName = name, OrderNumber = number, Carrier = carrier, TrackingNumber = tracking, TrackingUrl = url }),
        Gen.Select(Address, Text, Text, Text, OptionalText, (to, name, number, status, note) =>
            (EmailPayload)new OrderStatusUpdatePayload { To = to, CustomerName = name, OrderNumber = number, Status = status, Note = note }),
        Gen.Select(Address, Text, Url, (to, name, url) => (EmailPayload)new WelcomePayload { To = to, Name = name, ConfirmEmailUrl = url }),
        Gen.Select(Address, OptionalText, Url, Gen.DateTime, (to, name, url, expires) =>
            (EmailPayload)new PasswordResetPayload { To = to, Name = name, ResetUrl = url ?? "https://example.com/reset", ExpiresAt = expires }),
        Gen.Select(Address, Text, Address, Text, Text, (to, name, from, subject, message) =>
            (EmailPayload)new ContactFormPayload { To = to, FromName = name, FromEmail = from, Subject = subject, Message = message }));
}
