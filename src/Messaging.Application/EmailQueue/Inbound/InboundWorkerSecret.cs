using System.Security.Cryptography;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Standard Webhooks' signing secrets: <c>whsec_</c> and 32 random bytes in Base64; the bytes are the HMAC key.</summary>
public static class InboundWorkerSecret
{
    public static string New() => InboundEmailConsts.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret.StartsWith(InboundEmailConsts.SecretPrefix, StringComparison.Ordinal)
        ? secret[InboundEmailConsts.SecretPrefix.Length..]
        : secret);
}
