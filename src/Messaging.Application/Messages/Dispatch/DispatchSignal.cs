using Messaging.Threading;

namespace Messaging.Messages.Dispatch;

/// <summary>Wakes this instance's dispatcher once a commit queued messages, so they do not wait for the next poll.</summary>
public sealed class DispatchSignal : WakeSignal;
