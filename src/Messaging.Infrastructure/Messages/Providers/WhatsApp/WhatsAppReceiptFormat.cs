using System.Security.Cryptography;
using System.Text;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Messages.Receipts;

namespace Messaging.Infrastructure.Messages.Providers.WhatsApp;

/// <summary>
/// Meta's WhatsApp Business webhook: status updates under <c>entry[].changes[].value.statuses[]</c>, signed with
/// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>. The app secret is the tenant's signing
/// secret for its WhatsApp provider. Meta's signature has no timestamp, so repeats (Meta retries for days) are
/// recognised by the receipt id instead: status id, status and the status's timestamp.
/// </summary>
public sealed class WhatsAppReceiptFormat : IReceiptFormat
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    private const string SignaturePrefix = "sha256=";

    public string Provider => ProviderNames.WhatsApp;

    public bool HasUsableSignature(IReadOnlyDictionary<string, string> headers, DateTimeOffset now, TimeSpan tolerance) =>
        headers.TryGetValue(SignatureHeader, out var signature) && signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase);

    public bool Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!headers.TryGetValue(SignatureHeader, out var signature) || !signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hex = signature.AsSpan(SignaturePrefix.Length).Trim();
        return hex.Length == presented.Length * 2
            && Convert.FromHexString(hex, presented, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == presented.Length
            && CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    public IReadOnlyList<ProviderReceipt> Parse(ReadOnlyMemory<byte> body)
    {
        using var document = ReceiptJson.Parse(body);
        var root = ReceiptJson.RequireObject(document.RootElement, "body");
        if (ReceiptJson.OptionalString(root, "object", "object", 64) != "whatsapp_business_account")
        {
            throw ReceiptJson.Invalid("object", "'object' must be \"whatsapp_business_account\".");
        }

        if (!root.TryGetProperty("entry", out _))
        {
            throw ReceiptJson.Invalid("entry", "'entry' is required.");
        }

        var receipts = new List<ProviderReceipt>();
        foreach (var (entry, e) in ReceiptJson.OptionalArray(root, "entry", "entry"))
        {
            var entryPath = $"entry[{e}]";
            foreach (var (change, c) in ReceiptJson.OptionalArray(ReceiptJson.RequireObject(entry, entryPath), "changes", $"{entryPath}.changes"))
            {
                var changePath = $"{entryPath}.changes[{c}]";
                if (!ReceiptJson.RequireObject(change, changePath).TryGetProperty("value", out var value))
                {
                    continue;
                }

                var valuePath = $"{changePath}.value";
                foreach (var (status, s) in ReceiptJson.OptionalArray(ReceiptJson.RequireObject(value, valuePath), "statuses", $"{valuePath}.statuses"))
                {
                    receipts.Add(ReadStatus(ReceiptJson.RequireObject(status, $"{valuePath}.statuses[{s}]"), $"{valuePath}.statuses[{s}]"));
                    if (receipts.Count > ReceiptConsts.MaxStatusesPerRequest)
                    {
                        throw ReceiptJson.Invalid("entry", $"At most {ReceiptConsts.MaxStatusesPerRequest} statuses per request.");
                    }
                }
            }
        }

        return receipts;
    }

    private static ProviderReceipt ReadStatus(System.Text.Json.JsonElement status, string path)
    {
        var id = ReceiptJson.RequireString(status, "id", $"{path}.id", MessageConsts.MaxProviderMessageIdLength);
        var name = ReceiptJson.RequireString(status, "status", $"{path}.status", ReceiptConsts.MaxProviderStatusLength);
        var timestamp = ReceiptJson.RequireString(status, "timestamp", $"{path}.timestamp", 20);
        var occurredAt = ReceiptJson.UnixSeconds(timestamp, $"{path}.timestamp");
        string? errorCode = null;
        string? errorMessage = null;
        foreach (var (error, index) in ReceiptJson.OptionalArray(status, "errors", $"{path}.errors").Take(1))
        {
            var errorPath = $"{path}.errors[{index}]";
            var errorObject = ReceiptJson.RequireObject(error, errorPath);
            errorCode = ReceiptJson.OptionalString(errorObject, "code", $"{errorPath}.code", MessageConsts.MaxFailureCodeLength);
            errorMessage = ReceiptJson.Truncate(ReceiptJson.OptionalString(errorObject, "title", $"{errorPath}.title", 4096)
                ?? ReceiptJson.OptionalString(errorObject, "message", $"{errorPath}.message", 4096), 256);
        }

        var kind = name.ToLowerInvariant() switch
        {
            "sent" => ReceiptStatus.Sent,
            "delivered" => ReceiptStatus.Delivered,
            "read" => ReceiptStatus.Read,
            "failed" => ReceiptStatus.Failed,
            _ => ReceiptStatus.Other
        };
        return new ProviderReceipt($"{id}:{name}:{timestamp}", id, kind, name, errorCode, errorMessage, occurredAt);
    }
}
