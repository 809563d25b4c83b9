namespace Messaging.EmailQueue;

/// <summary>A tenant's own SMTP server; without one its mail goes to the embedded pickup folder. The password is stored protected.</summary>
public sealed class SmtpSettings
{
    private SmtpSettings()
    {
    }

    public SmtpSettings(Guid tenantId, DateTime now)
    {
        TenantId = tenantId;
        UpdatedAt = now;
    }

    public Guid TenantId { get; private set; }

    public string Host { get; private set; } = "";

    public int Port { get; private set; }

    public SmtpTlsMode TlsMode { get; private set; }

    public string? UserName { get; private set; }

    public string? ProtectedPassword { get; private set; }

    /// <summary>The sender of the tenant's mail; the deployment's default when null.</summary>
    public string? From { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <param name="protectedPassword">The new protected password; <paramref name="keepPassword"/> keeps the stored one instead.</param>
    public void Change(string host, int port, SmtpTlsMode tlsMode, string? userName, string? protectedPassword, bool keepPassword, string? from, DateTime now)
    {
        Host = host;
        Port = port;
        TlsMode = tlsMode;
        UserName = userName;
        if (!keepPassword)
        {
            ProtectedPassword = protectedPassword;
        }

        From = from;
        UpdatedAt = now;
    }
}
