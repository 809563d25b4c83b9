using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Infrastructure.Http;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Microsoft.Extensions.Logging;

namespace Messaging.Infrastructure.Messages.Providers.Webhook;

/// <summary>
/// Webhook messages: a signed JSON POST to the message's recipient URL (checked to be https when it was accepted).
/// The body is <c>{messageId, tenantId, channel, content, metadata, attempt}</c>; the headers carry the timestamp, the
/// <see cref="WebhookSignature"/> and the message id as <c>Idempotency-Key</c>, so a receiver can verify the sender and
/// recognise a retry. The provider message id is always our message id: a receiver's own answer cannot be trusted to
/// be unique, and provider ids are.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, TimeProvider clock, ILogger<WebhookSender> logger) : IMessageSender
{
    public string Provider => ProviderNames.Webhook;

    public ProviderSettingsRules Settings { get; } =
        new(ProviderSetting.NotUsed, ProviderSetting.NotUsed, ProviderSetting.NotUsed, ProviderSetting.Required);

    public bool Supports(MessageChannel channel) => channel == MessageChannel.Webhook;

    public async Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(endpoint.SigningSecret))
        {
            return SendResult.Permanent("not-configured", "Webhooks are sent signed: set the Webhook channel's signing secret.");
        }

        if (!Uri.TryCreate(message.Recipient, UriKind.Absolute, out var recipient)
            || (recipient.Scheme != Uri.UriSchemeHttps && recipient.Scheme != Uri.UriSchemeHttp))
        {
            return SendResult.Permanent("invalid-recipient", "The recipient is not an absolute http(s) URL.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["tenantId"] = message.TenantId,
            ["channel"] = message.Channel.ToString(),
            ["content"] = message.Content,
            ["metadata"] = message.MetadataJson is null ? null : JsonNode.Parse(message.MetadataJson),
            ["attempt"] = message.Attempt
        });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, recipient) { Content = content };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(endpoint.SigningSecret, timestamp, body));
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, message.MessageId.ToString("D"));

        var client = httpClients.CreateClient(OutboundHttpClients.TenantSupplied);
        var providerMessageId = message.MessageId.ToString("N");
        return await ProviderHttp.SendAsync(client, request, response => Classify(response, providerMessageId), clock, logger, cancellationToken);
    }

    public static SendResult Classify(ProviderResponse response, string providerMessageId)
    {
        var status = (int)response.Status;
        var code = ProviderHttp.StatusCode(response);
        var error = $"The receiver answered {status}: {ProviderHttp.Shorten(response.Body)}";
        return status switch
        {
            >= 200 and < 300 => SendResult.Sent(providerMessageId),
            429 => SendResult.Throttled(code, error, response.RetryAfter),
            503 when response.RetryAfter is not null => SendResult.Throttled(code, error, response.RetryAfter),
            408 or >= 500 => SendResult.Transient(code, error),
            >= 300 and < 400 => SendResult.Permanent(code, $"The receiver redirected ({status}); webhooks go to the exact URL given."),
            _ => SendResult.Permanent(code, error)
        };
    }
}
