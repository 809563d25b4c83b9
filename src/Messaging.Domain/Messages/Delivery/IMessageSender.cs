namespace Messaging.Messages.Delivery;

/// <summary>
/// The port every delivery provider implements, one class per provider. A sender makes one attempt and classifies the
/// answer; timeouts, retries and circuit breaking are the dispatcher's, around it. A sender never throws for what the
/// provider answered; it throws only when cancelled.
/// </summary>
public interface IMessageSender
{
    /// <summary>The provider's name as tenants configure it ("whatsapp", "sms", "webhook", "sandbox").</summary>
    string Provider { get; }

    bool Supports(MessageChannel channel);

    Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>What a tenant must and may configure for this provider; checked when the configuration is saved.</summary>
    ProviderSettingsRules Settings => ProviderSettingsRules.None;
}
