using System.Security.Cryptography;

namespace Messaging.Messages.Callbacks;

/// <summary>Callback secrets: generated ones, and the rules for one a tenant chooses.</summary>
public static class StatusCallbackSecret
{
    private const string Marker = "mcs_";

    /// <summary>256 random bits, URL-safe, with a marker so a leaked one is recognisable in code scanners.</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return Marker + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A chosen secret: long enough to resist guessing, visible ASCII so it survives every configuration file.</summary>
    public static bool IsAcceptable(string secret) =>
        secret.Length is >= StatusCallbackConsts.MinSecretLength and <= StatusCallbackConsts.MaxSecretLength
        && secret.All(c => c is >= '!' and <= '~');
}
