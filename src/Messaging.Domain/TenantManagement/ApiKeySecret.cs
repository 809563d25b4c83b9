using System.Security.Cryptography;
using System.Text;

namespace Messaging.TenantManagement;

/// <summary>Creates raw API keys and the hashes we keep of them.</summary>
public static class ApiKeySecret
{
    private const string KeyMarker = "msk_";
    public const int PrefixLength = 12;

    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return KeyMarker + Base64UrlEncode(secret);
    }

    public static string Hash(string rawKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));

    public static string PrefixOf(string rawKey) => rawKey.Length <= PrefixLength ? rawKey : rawKey[..PrefixLength];

    /// <summary>Constant-time comparison of two hex hashes, so timing does not reveal how much of a guess matched.</summary>
    public static bool HashesEqual(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
