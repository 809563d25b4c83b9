namespace Messaging.Messages;

/// <summary>
/// Delivery receipts posted by providers. Anonymous at the HTTP level: each receipt is trusted only once the signature
/// verified with the signing secret of the tenant whose message it names.
/// </summary>
public interface IMessageReceiptAppService
{
    Task<MessageReceiptResultDto> ReceiveAsync(InboundReceiptDto input, CancellationToken cancellationToken = default);
}

/// <param name="Provider">The provider named in the route ("whatsapp", "sms", "webhook").</param>
/// <param name="Body">The raw body: signatures cover its exact bytes.</param>
/// <param name="Headers">Request headers, looked up case-insensitively.</param>
public sealed record InboundReceiptDto(string Provider, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers);

/// <param name="Processed">Receipts acted on for the first time.</param>
/// <param name="Duplicates">Receipts seen before; they changed nothing.</param>
/// <param name="Ignored">Statuses we do not act on (a provider's informational kinds).</param>
public sealed record MessageReceiptResultDto(int Processed, int Duplicates, int Ignored);
