using System.Security.Cryptography;
using System.Text;

namespace Messaging.Messages;

/// <summary>A stable hash of what a send request asked for, used to detect a reused idempotency key.</summary>
public static class MessageFingerprint
{
    public static string Compute(MessageChannel channel, string recipient, string content, MessagePriority priority, string? metadataJson)
    {
        var canonical = string.Join('\u001f', channel.ToString(), recipient, content, priority.ToString(), metadataJson ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexString(hash);
    }
}
