using Messaging.EntityFrameworkCore;

namespace Messaging.Security;

/// <summary>
/// Provider and callback secrets are protected with a Data Protection key ring kept in the database. Without a
/// certificate encrypting that ring, the keys lie in clear next to what they protect, and a copy of the database (a
/// backup, a replica, a dump) gives both away. Outside Development and the embedded default (SQLite) the host
/// therefore refuses to start that way unless the operator says, in so many words, that they accept it.
/// </summary>
public static partial class KeyRingProtectionCheck
{
    public const string CertificatePathKey = "DataProtection:KeyCertificatePath";
    public const string AllowUnprotectedKey = "DataProtection:AllowUnprotectedKeyRingInDatabase";

    public static void EnsureKeyRingIsProtected(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (configuration[CertificatePathKey] is { Length: > 0 } || app.Environment.IsDevelopment())
        {
            return;
        }

        if (app.Services.GetRequiredService<MessagingConnectionString>().Provider == DatabaseProvider.Sqlite
            || configuration.GetValue<bool?>(AllowUnprotectedKey) == true)
        {
            LogUnprotectedKeyRing(app.Logger, CertificatePathKey);
            return;
        }

        throw new InvalidOperationException(
            $"The Data Protection key ring that protects provider and callback secrets would be stored in clear in the database, " +
            $"next to those secrets. Set {CertificatePathKey} (and KeyCertificatePassword) to a PFX kept outside the database, " +
            $"or set {AllowUnprotectedKey}=true to accept that a copy of the database reveals the secrets.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The Data Protection key ring is stored in clear in the database, next to the secrets it protects: a copy of the database reveals them. Set {CertificatePathKey} to encrypt it")]
    private static partial void LogUnprotectedKeyRing(ILogger logger, string certificatePathKey);
}
