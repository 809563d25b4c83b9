using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.Infrastructure.Messages.Providers.Sandbox;

/// <summary>
/// The embedded default's provider: records what would have been sent, once per message, and reports it sent, so the
/// whole lifecycle runs without any provider account. Tenants read the records through the API.
/// </summary>
public sealed partial class SandboxMessageSender(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    TimeProvider clock,
    ILogger<SandboxMessageSender> logger) : IMessageSender
{
    public const string ProviderMessageIdPrefix = "sandbox-";

    public string Provider => ProviderNames.Sandbox;

    /// <summary>Email belongs to the EmailQueue module; every other channel can be recorded.</summary>
    public bool Supports(MessageChannel channel) => channel is MessageChannel.WhatsApp or MessageChannel.Sms or MessageChannel.Webhook;

    public static string ProviderMessageIdFor(Guid messageId) => ProviderMessageIdPrefix + messageId.ToString("N");

    public async Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var tenant = currentTenant.Change(message.TenantId);
            await using var scope = scopeFactory.CreateAsyncScope();
            var recorded = await scope.ServiceProvider.GetRequiredService<ISandboxDeliveryRepository>().TryRecordAsync(new SandboxDelivery(
                Guid.CreateVersion7(), message.TenantId, message.MessageId, message.Channel, message.Recipient, message.Content,
                message.MetadataJson, message.Attempt, clock.GetUtcNow().UtcDateTime), cancellationToken);
            if (!recorded)
            {
                LogAlreadyRecorded(logger, message.MessageId);
            }

            return SendResult.Sent(ProviderMessageIdFor(message.MessageId));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogRecordFailed(logger, exception, message.MessageId);
            return SendResult.Transient("sandbox-storage", "The sandbox could not record the message; it will be tried again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sandbox had already recorded message {MessageId}")]
    private static partial void LogAlreadyRecorded(ILogger logger, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox could not record message {MessageId}")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, Guid messageId);
}
