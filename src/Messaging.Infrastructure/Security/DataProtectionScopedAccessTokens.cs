using System.Security.Cryptography;
using Messaging.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Messaging.Infrastructure.Security;

/// <summary>Scoped access tokens as Data Protection's time-limited payloads: the expiry is inside what is authenticated.</summary>
public sealed class DataProtectionScopedAccessTokens(IDataProtectionProvider provider) : IScopedAccessTokens
{
    public const string Purpose = "Messaging.ScopedAccessTokens.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Issue(string scope, DateTimeOffset expiresAt) => _protector.Protect(scope, expiresAt);

    public bool TryRead(string token, out string scope)
    {
        try
        {
            scope = _protector.Unprotect(token);
            return true;
        }
        catch (Exception invalid) when (invalid is CryptographicException or FormatException)
        {
            scope = "";
            return false;
        }
    }
}
