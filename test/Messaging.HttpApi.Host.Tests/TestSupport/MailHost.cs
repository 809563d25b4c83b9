using System.Net;
using System.Net.Http.Json;

namespace Messaging.TestSupport;

/// <summary>
/// One host for the email tests whose tenants send to a mail server on loopback (the emulator, or Postfix's smtp-sink);
/// each test makes its own tenants and points them at its own server. The host's own mail goes to <see cref="HostSmtp"/>.
/// </summary>
public sealed class MailHost : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public HostProcess Host { get; private set; } = null!;

    /// <summary>The SMTP server of the host's own mail (host accounts' emails); a test that changes its answers restores them.</summary>
    public SmtpEmulator HostSmtp { get; } = SmtpEmulator.Start();

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync(_database.File, new Dictionary<string, string>
    {
        // The test's mail servers listen on loopback, which the SSRF guard refuses by default.
        ["Delivery__AllowPrivateNetworks"] = "true",
        ["EventBus__RelayPollInterval"] = "00:00:00.200",
        // Account emails carry links, so they are sent only where the host knows its public address.
        ["Identity__PublicOrigin"] = "https://messaging.test",
        ["EmailQueue__HostSmtp__Host"] = "127.0.0.1",
        ["EmailQueue__HostSmtp__Port"] = HostSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EmailQueue__HostSmtp__TlsMode"] = "None",
        ["EmailQueue__HostSmtp__From"] = "operators@messaging.test"
    });

    /// <summary>A new tenant's client (its API key), optionally with its SMTP settings pointing at a server on loopback.</summary>
    public async Task<HttpClient> CreateTenantAsync(int? smtpPort = null)
    {
        using var admin = Host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        var tenant = Host.Client(key);
        if (smtpPort is { } port)
        {
            await tenant.UseSmtpServerAsync(port);
        }

        return tenant;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await HostSmtp.DisposeAsync();
        _database.Dispose();
    }
}

public static class MailHostExtensions
{
    public static async Task UseSmtpServerAsync(this HttpClient tenant, int port)
    {
        using var settings = await tenant.PutAsJsonAsync("api/app/email-smtp-settings",
            new { host = "127.0.0.1", port, tlsMode = "None", from = "shop@example.com" });
        await settings.JsonAsync(HttpStatusCode.OK);
    }
}

[CollectionDefinition(Name)]
public sealed class MailHostCollection : ICollectionFixture<MailHost>
{
    public const string Name = "mail host";
}
