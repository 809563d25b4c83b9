using System.Collections.Concurrent;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Messages.Dispatch;

namespace Messaging.TestSupport;

/// <summary>A provider that answers as the test scripts it and remembers every call, in order.</summary>
public sealed class ScriptedSender(string provider = "scripted") : IMessageSender
{
    private readonly ConcurrentQueue<OutgoingMessage> _calls = new();

    public Func<OutgoingMessage, SendResult> Answer { get; set; } = message => SendResult.Sent($"{provider}-{message.MessageId:N}");

    /// <summary>Awaited before each answer: a test holds a provider call open with it.</summary>
    public Func<OutgoingMessage, Task> Before { get; set; } = _ => Task.CompletedTask;

    public string Provider => provider;

    public IReadOnlyList<OutgoingMessage> Calls => _calls.ToList();

    public bool Supports(MessageChannel channel) => channel != MessageChannel.Email;

    public async Task<SendResult> SendAsync(OutgoingMessage message, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        _calls.Enqueue(message);
        await Before(message);
        return Answer(message);
    }
}

/// <summary>Every tenant routes every channel to one provider.</summary>
public sealed class SingleProviderResolver(string provider) : IProviderEndpointResolver
{
    public Task<ProviderEndpoint?> ResolveAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken) =>
        Task.FromResult<ProviderEndpoint?>(new ProviderEndpoint(provider, new Uri("https://provider.invalid/"), "sender", "credential", "secret"));
}

/// <summary>The call as it is, so a test sees the dispatcher's own handling of each outcome.</summary>
public sealed class DirectCallPolicy : IProviderCallPolicy
{
    public Task<SendResult> ExecuteAsync(Func<CancellationToken, Task<SendResult>> call, CancellationToken cancellationToken) => call(cancellationToken);
}
