namespace Messaging.ServerSentEvents;

/// <summary>The codes of the hub's refusals, answered before a stream starts.</summary>
public static class ServerSentEventErrorCodes
{
    public const string TooManyConnections = "Messaging:ServerSentEvents:TooManyConnections";
    public const string ShuttingDown = "Messaging:ServerSentEvents:ShuttingDown";
}
