using Messaging.Threading;

namespace Messaging.EventBus;

/// <summary>Wakes the relay right after a commit wrote outbox rows, so events do not wait for the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
