using Messaging.ExceptionHandling;
using Messaging.Messages.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Receipts;

/// <summary>
/// Receipts from providers. The answers are chosen so that an unauthenticated caller learns nothing about which
/// messages exist: a receipt naming an unknown message and one whose signature does not verify both answer the same
/// 401. A provider retries a 401 (Meta does for days; our format asks senders to), so a receipt that overtook the
/// dispatcher's commit of Sent is applied on a later try rather than lost. When a verified request also names
/// messages we cannot attribute yet, the verified ones are applied and the answer is 503 with Retry-After, so the
/// provider sends the request again; the applied ones then count as repeats.
/// </summary>
public sealed partial class MessageReceiptAppService(
    IEnumerable<IReceiptFormat> formats,
    IServiceScopeFactory scopeFactory,
    IOptionsMonitor<ReceiptOptions> options,
    ReceiptMetrics metrics,
    TimeProvider clock,
    ILogger<MessageReceiptAppService> logger) : IMessageReceiptAppService
{
    /// <summary>Passes over one request when other writers keep changing the same messages.</summary>
    public const int MaxPasses = 3;

    public async Task<MessageReceiptResultDto> ReceiveAsync(InboundReceiptDto input, CancellationToken cancellationToken = default)
    {
        var format = formats.FirstOrDefault(f => string.Equals(f.Provider, input.Provider, StringComparison.OrdinalIgnoreCase))
            ?? throw new EntityNotFoundException("Receipt provider", input.Provider);
        var settings = options.CurrentValue;
        if (!format.HasUsableSignature(input.Headers, clock.GetUtcNow(), settings.SignatureTolerance))
        {
            metrics.Handled(format.Provider, "unverified");
            throw Unverified();
        }

        var receipts = format.Parse(input.Body);
        var actionable = receipts.Where(r => r.Status != ReceiptStatus.Other).ToList();
        var ignored = receipts.Count - actionable.Count;
        metrics.Handled(format.Provider, "ignored", ignored);
        if (actionable.Count == 0)
        {
            return new MessageReceiptResultDto(0, 0, ignored);
        }

        var tally = await ProcessWithRetriesAsync(format, input, actionable, cancellationToken);
        if (tally.Processed + tally.Duplicates == 0)
        {
            metrics.Handled(format.Provider, "unverified", tally.Unattributed);
            throw Unverified();
        }

        metrics.Handled(format.Provider, "processed", tally.Processed);
        metrics.Handled(format.Provider, "duplicate", tally.Duplicates);
        if (tally.Unattributed > 0)
        {
            metrics.Handled(format.Provider, "unattributed", tally.Unattributed);
            throw new ServiceUnavailableException(MessagingErrorCodes.ReceiptNotYetAttributable,
                $"{tally.Processed + tally.Duplicates} receipts were applied; {tally.Unattributed} name messages that cannot be matched yet. Send the request again later.",
                settings.RetryAfter);
        }

        return new MessageReceiptResultDto(tally.Processed, tally.Duplicates, ignored);
    }

    private async Task<ReceiptTally> ProcessWithRetriesAsync(IReceiptFormat format, InboundReceiptDto input, IReadOnlyList<ProviderReceipt> receipts,
        CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<ReceiptProcessor>().ProcessAsync(format, input, receipts, cancellationToken);
            }
            catch (ConcurrencyConflictException conflict) when (pass < MaxPasses)
            {
                LogConflict(logger, conflict, format.Provider, pass);
            }
            catch (ConcurrencyConflictException conflict)
            {
                throw new ServiceUnavailableException(MessagingErrorCodes.ConcurrencyConflict,
                    "The messages of this receipt are being changed by others; send it again shortly.", options.CurrentValue.RetryAfter, conflict);
            }
        }
    }

    private static UnauthorizedException Unverified() => new(MessagingErrorCodes.ReceiptSignatureInvalid,
        "The receipt's signature could not be verified.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Provider} receipt met a concurrent change in pass {Pass}; reading again")]
    private static partial void LogConflict(ILogger logger, Exception exception, string provider, int pass);
}
