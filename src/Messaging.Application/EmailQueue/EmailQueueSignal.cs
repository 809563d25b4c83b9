using Messaging.Threading;

namespace Messaging.EmailQueue;

/// <summary>Wakes this instance's email delivery once a commit made an email event due.</summary>
public sealed class EmailQueueSignal : WakeSignal;
