using System.Security.Cryptography;
using System.Text;

namespace Messaging.TenantManagement;

/// <summary>Creates raw API keys and the hashes we keep of them.</summary>
public static class ApiKeySecret
{
    private const string KeyMarker = "msk_";
    public const int PrefixLength = 12;

    /// <summary>The shortest key an operator may configure instead of a generated one (those carry 256 random bits).</summary>
    public const int MinConfiguredLength = 32;

    /// <summary>How many different characters a configured key needs at least, so "aaaa…" or "1234…" does not pass.</summary>
    public const int MinConfiguredDistinctCharacters = 16;

    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return KeyMarker + Base64UrlEncode(secret);
    }

    /// <summary>Whether a key an operator chose is hard enough to guess to stand in for a generated one.</summary>
    public static bool IsStrongEnough(string rawKey) =>
        rawKey.Length >= MinConfiguredLength && rawKey.Distinct().Count() >= MinConfiguredDistinctCharacters;

    public static string Hash(string rawKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));

    public static string PrefixOf(string rawKey) => rawKey.Length <= PrefixLength ? rawKey : rawKey[..PrefixLength];

    /// <summary>Constant-time comparison of two hex hashes, so timing does not reveal how much of a guess matched.</summary>
    public static bool HashesEqual(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
