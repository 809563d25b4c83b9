namespace Messaging.Messages.Ingestion;

public enum BufferAdmission
{
    Admitted,

    /// <summary>Above the backpressure threshold: only High and Critical messages get in.</summary>
    Backpressure,

    /// <summary>At capacity: nothing gets in.</summary>
    Full,

    /// <summary>The host is shutting down and drains what it holds.</summary>
    Closed
}
