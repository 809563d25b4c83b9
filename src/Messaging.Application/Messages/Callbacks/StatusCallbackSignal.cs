using Messaging.Threading;

namespace Messaging.Messages.Callbacks;

/// <summary>Wakes this instance's callback delivery once a commit owes a tenant a callback.</summary>
public sealed class StatusCallbackSignal : WakeSignal;
