using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Infrastructure.Http;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Messages.Providers.WhatsApp;

/// <summary>
/// WhatsApp text messages through Meta's Cloud API: <c>POST {BaseUrl}/{version}/{phone-number-id}/messages</c> with the
/// access token as bearer. The endpoint's <see cref="ProviderEndpoint.SenderId"/> is the phone number id.
/// The Cloud API has no idempotency keys: it ignores the <c>Idempotency-Key</c> we send (the emulator and proxies honour
/// it). Against the real API, duplicates are prevented by the dispatcher (a message is claimed, marked Sending before the
/// call and never sent again once it has a provider id); a crash between Meta's answer and our commit can still repeat
/// a message. Our message id also travels as <c>biz_opaque_callback_data</c>, so status webhooks can be matched to it.
/// </summary>
public sealed class WhatsAppCloudApiSender(
    IHttpClientFactory httpClients,
    IOptionsMonitor<DeliveryProviderOptions> options,
    TimeProvider clock,
    ILogger<WhatsAppCloudApiSender> logger) : IMessageSender
{
    public string Provider => ProviderNames.WhatsApp;

    public ProviderSettingsRules Settings { get; } =
        new(ProviderSetting.Required, ProviderSetting.Required, ProviderSetting.Required, ProviderSetting.Optional);

    public bool Supports(MessageChannel channel) => channel == MessageChannel.WhatsApp;

    public async Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.BaseUrl is null || string.IsNullOrEmpty(endpoint.SenderId) || string.IsNullOrEmpty(endpoint.Credential))
        {
            return SendResult.Permanent("not-configured", "The WhatsApp provider needs a base URL, a phone number id and an access token.");
        }

        var address = new Uri($"{endpoint.BaseUrl.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(options.CurrentValue.WhatsAppApiVersion)}/" +
                              $"{Uri.EscapeDataString(endpoint.SenderId)}/messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = JsonContent.Create(new CloudApiTextMessage(
                To: message.Recipient.TrimStart('+'),
                Text: new CloudApiText(message.Content),
                BizOpaqueCallbackData: message.MessageId.ToString("D")))
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Credential);
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, message.MessageId.ToString("D"));

        var client = httpClients.CreateClient(OutboundHttpClients.TenantSupplied);
        return await ProviderHttp.SendAsync(client, request, Classify, clock, logger, cancellationToken);
    }

    private static SendResult Classify(ProviderResponse response)
    {
        if (response.IsSuccess)
        {
            return TryRead<CloudApiSendResponse>(response.Body)?.Messages?.FirstOrDefault()?.Id is { Length: > 0 } id
                ? SendResult.Sent(id)
                : SendResult.Transient("unexpected-response", "The provider accepted the request but named no message id.");
        }

        var error = TryRead<GraphErrorResponse>(response.Body)?.Error;
        return WhatsAppErrorClassifier.Classify((int)response.Status, error?.Code, error?.Message ?? response.Body, response.RetryAfter);
    }

    private static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CloudApiTextMessage(
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] CloudApiText Text,
        [property: JsonPropertyName("biz_opaque_callback_data")] string BizOpaqueCallbackData)
    {
        [JsonPropertyName("messaging_product")]
        public string MessagingProduct => "whatsapp";

        [JsonPropertyName("recipient_type")]
        public string RecipientType => "individual";

        [JsonPropertyName("type")]
        public string Type => "text";
    }

    private sealed record CloudApiText([property: JsonPropertyName("body")] string Body);

    private sealed record CloudApiSendResponse(List<CloudApiMessageId>? Messages);

    private sealed record CloudApiMessageId(string? Id);

    private sealed record GraphErrorResponse(GraphError? Error);

    private sealed record GraphError(int? Code, string? Message);
}
