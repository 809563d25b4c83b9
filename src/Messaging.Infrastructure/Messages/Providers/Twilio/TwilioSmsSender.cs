using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Messaging.Infrastructure.Http;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Microsoft.Extensions.Logging;

namespace Messaging.Infrastructure.Messages.Providers.Twilio;

/// <summary>
/// SMS in the shape of Twilio's Messages API, which many SMS gateways also speak:
/// <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded <c>To</c>, <c>From</c> (or
/// <c>MessagingServiceSid</c> for a sender starting with "MG") and <c>Body</c>, HTTP basic auth with the account SID and
/// auth token; <c>201 {"sid":"SM..."}</c> names the message. The endpoint's <see cref="ProviderEndpoint.Credential"/> is
/// <c>{AccountSid}:{AuthToken}</c> and <see cref="ProviderEndpoint.SenderId"/> the sending number or messaging service.
/// Our message id goes as <c>I-Twilio-Idempotency-Token</c>; Twilio does not promise to dedupe message creation with it,
/// so, as for WhatsApp, the dispatcher's claim and provider-id checks are what prevent duplicates.
/// </summary>
public sealed class TwilioSmsSender(IHttpClientFactory httpClients, TimeProvider clock, ILogger<TwilioSmsSender> logger) : IMessageSender
{
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    public string Provider => ProviderNames.Sms;

    public ProviderSettingsRules Settings { get; } =
        new(ProviderSetting.Required, ProviderSetting.Required, ProviderSetting.Required, ProviderSetting.Optional)
        {
            CredentialProblem = credential => TrySplit(credential, out _, out _)
                ? null
                : "The sms provider's credential is '{AccountSid}:{AuthToken}'."
        };

    public bool Supports(MessageChannel channel) => channel == MessageChannel.Sms;

    public async Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.BaseUrl is null || string.IsNullOrEmpty(endpoint.SenderId)
            || !TrySplit(endpoint.Credential, out var accountSid, out var authToken))
        {
            return SendResult.Permanent("not-configured", "The sms provider needs a base URL, a sender and an '{AccountSid}:{AuthToken}' credential.");
        }

        var address = new Uri($"{endpoint.BaseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}/Messages.json");
        var sender = endpoint.SenderId.StartsWith("MG", StringComparison.Ordinal) ? "MessagingServiceSid" : "From";
        using var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new FormUrlEncodedContent([
                new("To", message.Recipient),
                new(sender, endpoint.SenderId),
                new("Body", message.Content)
            ])
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        request.Headers.Add(IdempotencyHeader, message.MessageId.ToString("D"));

        var client = httpClients.CreateClient(OutboundHttpClients.TenantSupplied);
        return await ProviderHttp.SendAsync(client, request, Classify, clock, logger, cancellationToken);
    }

    private static SendResult Classify(ProviderResponse response)
    {
        var body = TryRead(response.Body);
        if (response.IsSuccess)
        {
            return body?.Sid is { Length: > 0 } sid
                ? SendResult.Sent(sid)
                : SendResult.Transient("unexpected-response", "The provider accepted the request but named no message sid.");
        }

        return TwilioErrorClassifier.Classify((int)response.Status, body?.Code, body?.Message ?? response.Body, response.RetryAfter);
    }

    private static bool TrySplit(string? credential, out string accountSid, out string authToken)
    {
        var separator = credential?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        accountSid = separator > 0 ? credential![..separator] : string.Empty;
        authToken = separator > 0 ? credential![(separator + 1)..] : string.Empty;
        return accountSid.Length > 0 && authToken.Length > 0;
    }

    private static TwilioResponse? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<TwilioResponse>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record TwilioResponse(string? Sid, int? Code, string? Message);
}
