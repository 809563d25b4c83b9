namespace Messaging.EmailQueue;

/// <summary>What a failed attempt means for the next one.</summary>
public enum EmailErrorClass
{
    /// <summary>May succeed later: retried after a backoff, spending an attempt.</summary>
    Transient,

    /// <summary>Will fail again as it is: dead-lettered at once.</summary>
    Permanent,

    /// <summary>The server asks us to slow down: retried after a delay without spending an attempt.</summary>
    Throttled
}
