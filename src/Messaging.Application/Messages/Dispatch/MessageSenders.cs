using Messaging.Messages.Delivery;

namespace Messaging.Messages.Dispatch;

/// <summary>The registered provider senders, by provider name.</summary>
public sealed class MessageSenders(IEnumerable<IMessageSender> senders)
{
    private readonly Dictionary<string, IMessageSender> _byProvider =
        senders.ToDictionary(sender => sender.Provider, StringComparer.OrdinalIgnoreCase);

    public IMessageSender? Find(string provider) => _byProvider.GetValueOrDefault(provider);

    public IReadOnlyCollection<string> Providers => _byProvider.Keys;
}
