using System.Globalization;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Messages.Receipts;
using Messaging.Security;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>
/// The platform's own receipt format, for SMS gateways and webhook recipients that report back to us: one JSON object
/// <c>{"receiptId", "providerMessageId", "status": "sent|delivered|read|failed", "errorCode", "errorMessage", "occurredAt"}</c>
/// signed like our webhooks and status callbacks (<see cref="WebhookSignature"/>), with the tenant's signing secret for
/// that provider.
/// </summary>
public sealed class MessagingReceiptFormat(string provider) : IReceiptFormat
{
    public string Provider { get; } = provider;

    public bool HasUsableSignature(IReadOnlyDictionary<string, string> headers, DateTimeOffset now, TimeSpan tolerance) =>
        headers.TryGetValue(WebhookSignature.SignatureHeader, out var signature)
        && signature.Contains(WebhookSignature.Scheme + "=", StringComparison.Ordinal)
        && headers.TryGetValue(WebhookSignature.TimestampHeader, out var timestamp)
        && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs((double)now.ToUnixTimeSeconds() - seconds) <= tolerance.TotalSeconds;

    public bool Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers, string secret, DateTimeOffset now, TimeSpan tolerance) =>
        WebhookSignature.Verify(secret, headers.GetValueOrDefault(WebhookSignature.TimestampHeader),
            headers.GetValueOrDefault(WebhookSignature.SignatureHeader), body, now, tolerance) == WebhookSignatureCheck.Valid;

    public IReadOnlyList<ProviderReceipt> Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ReceiptJson.Parse(body);
        var root = ReceiptJson.RequireObject(document.RootElement, "body");
        var receiptId = ReceiptJson.RequireString(root, "receiptId", "receiptId", 128);
        var providerMessageId = ReceiptJson.RequireString(root, "providerMessageId", "providerMessageId", MessageConsts.MaxProviderMessageIdLength);
        var status = ReceiptJson.RequireString(root, "status", "status", ReceiptConsts.MaxProviderStatusLength);
        var kind = status.ToLowerInvariant() switch
        {
            "sent" => ReceiptStatus.Sent,
            "delivered" => ReceiptStatus.Delivered,
            "read" => ReceiptStatus.Read,
            "failed" => ReceiptStatus.Failed,
            _ => throw ReceiptJson.Invalid("status", "'status' must be one of: sent, delivered, read, failed.")
        };
        var errorCode = ReceiptJson.OptionalString(root, "errorCode", "errorCode", MessageConsts.MaxFailureCodeLength);
        var errorMessage = ReceiptJson.Truncate(ReceiptJson.OptionalString(root, "errorMessage", "errorMessage", 4096), 256);
        var occurredAt = ReceiptJson.Iso8601(ReceiptJson.OptionalString(root, "occurredAt", "occurredAt", 64), "occurredAt");
        return [new ProviderReceipt(receiptId, providerMessageId, kind, status.ToLowerInvariant(), errorCode, errorMessage, occurredAt)];
    }
}
