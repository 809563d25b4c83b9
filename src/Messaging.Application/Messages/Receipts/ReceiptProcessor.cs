using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Receipts;

/// <summary>What one pass over a receipt request did.</summary>
/// <param name="Unattributed">Receipts naming a message we do not know, or one whose tenant's secret does not verify the signature.</param>
public sealed record ReceiptTally(int Processed, int Duplicates, int Unattributed);

/// <summary>
/// One pass over the receipts of a request, in its own scope. The messages of all receipts are found in one query and
/// the signature verified once per tenant and channel first, outside any transaction (a tenant's secret may take a
/// lookup), so a request that verifies for nobody costs one query however many statuses it holds; then the verified
/// receipts already processed are found in one query, and every new one is recorded and applied in one transaction,
/// with the status changes and their callback events. A message changed meanwhile by someone
/// else fails the commit (its status is a concurrency token) and the caller runs a new pass.
/// </summary>
public sealed class ReceiptProcessor(
    IMessageRepository messages,
    IProcessedReceiptRepository processed,
    IProviderEndpointResolver endpoints,
    IMessageStatusNotifier notifier,
    IUnitOfWork unitOfWork,
    ICurrentTenant currentTenant,
    IOptionsMonitor<ReceiptOptions> options,
    TimeProvider clock)
{
    public async Task<ReceiptTally> ProcessAsync(IReceiptFormat format, InboundReceiptDto request, IReadOnlyList<ProviderReceipt> receipts,
        CancellationToken cancellationToken)
    {
        var ids = receipts.Select(r => r.ProviderMessageId).Distinct(StringComparer.Ordinal).ToList();
        var found = (await messages.FindByProviderMessageIdsAsync(format.Provider, ids, cancellationToken))
            .ToDictionary(m => m.ProviderMessageId!, StringComparer.Ordinal);
        var verified = new List<(ProviderReceipt Receipt, Message Message)>(receipts.Count);
        var verdicts = new Dictionary<(Guid TenantId, MessageChannel Channel), bool>();
        foreach (var receipt in receipts)
        {
            if (found.TryGetValue(receipt.ProviderMessageId, out var message) && await VerifiesAsync(format, request, message, verdicts, cancellationToken))
            {
                verified.Add((receipt, message));
            }
        }

        var unattributed = receipts.Count - verified.Count;
        if (verified.Count == 0)
        {
            return new ReceiptTally(0, 0, unattributed);
        }

        return await unitOfWork.RunAsync(async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var seen = (await processed.FindProcessedAsync(format.Provider,
                verified.Select(v => (v.Message.TenantId, v.Receipt.ReceiptId)).ToList(), token)).ToHashSet();
            int applied = 0, duplicates = 0;
            foreach (var (receipt, message) in verified.OrderBy(v => v.Receipt.OccurredAt ?? DateTimeOffset.MaxValue).ThenBy(v => v.Receipt.Status))
            {
                using var tenant = currentTenant.Change(message.TenantId);
                if (!seen.Add((message.TenantId, receipt.ReceiptId)))
                {
                    duplicates++;
                    continue;
                }

                processed.Add(new ProcessedReceipt(Guid.CreateVersion7(), message.TenantId, format.Provider, receipt.ReceiptId, message.Id,
                    receipt.ProviderStatus, now));
                applied++;
                if (Apply(format.Provider, receipt, message, now))
                {
                    await notifier.NotifyAsync(message, token);
                }
            }

            return new ReceiptTally(applied, duplicates, unattributed);
        }, cancellationToken);
    }

    /// <summary>Delivered and read deliver a sent message; failed fails it unless it is final already; sent changes nothing.</summary>
    private static bool Apply(string provider, ProviderReceipt receipt, Message message, DateTime now) => receipt.Status switch
    {
        ReceiptStatus.Delivered or ReceiptStatus.Read => message.MarkDelivered(now, $"{provider} receipt: {receipt.ProviderStatus}"),
        ReceiptStatus.Failed => message.MarkFailed(now, receipt.ErrorCode ?? $"{provider}-failed",
            $"{provider} receipt: failed{(receipt.ErrorCode is null ? "" : " " + receipt.ErrorCode)}{(receipt.ErrorMessage is null ? "" : ": " + receipt.ErrorMessage)}"),
        _ => false
    };

    /// <summary>
    /// Whether the request's signature verifies with the signing secret the message's tenant configured for this
    /// provider on the message's channel. One lookup and one HMAC per tenant and channel, however many receipts.
    /// </summary>
    private async Task<bool> VerifiesAsync(IReceiptFormat format, InboundReceiptDto request, Message message,
        Dictionary<(Guid, MessageChannel), bool> verdicts, CancellationToken cancellationToken)
    {
        var key = (message.TenantId, message.Channel);
        if (!verdicts.TryGetValue(key, out var verdict))
        {
            using var tenant = currentTenant.Change(message.TenantId);
            var endpoint = await endpoints.ResolveAsync(message.TenantId, message.Channel, cancellationToken);
            verdict = endpoint is { SigningSecret: { Length: > 0 } secret }
                && string.Equals(endpoint.Provider, format.Provider, StringComparison.OrdinalIgnoreCase)
                && format.Verify(request.Body.Span, request.Headers, secret, clock.GetUtcNow(), options.CurrentValue.SignatureTolerance);
            verdicts[key] = verdict;
        }

        return verdict;
    }
}
