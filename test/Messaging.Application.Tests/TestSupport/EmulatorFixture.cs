using Messaging.Infrastructure.Http;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.ProviderEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>
/// One provider emulator on loopback for a test class, with the credentials the senders are given, and the plain
/// tenant-supplied HttpClient (the outbound guard is not under test here). Tests reset it before they start.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string WhatsAppToken = "emulator-whatsapp-token";
    public const string PhoneNumberId = "106540352242922";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "emulator-auth-token";
    public const string SenderNumber = "+15005550006";
    public const string SigningSecret = "whsec-emulator-0123456789";

    /// <summary>Short, so a slowed-down emulator outlasts it; the dispatcher's own timeout is longer in production.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    private ServiceProvider _services = null!;

    public EmulatorServer Emulator { get; private set; } = null!;

    public IHttpClientFactory HttpClients => _services.GetRequiredService<IHttpClientFactory>();

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            WhatsAppAccessToken = WhatsAppToken,
            SmsAccountSid = AccountSid,
            SmsAuthToken = AuthToken,
            WebhookSigningSecret = SigningSecret
        });
        var services = new ServiceCollection();
        services.AddHttpClient(OutboundHttpClients.TenantSupplied, client => client.Timeout = ClientTimeout);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    public ProviderEndpoint WhatsAppEndpoint(string token = WhatsAppToken) =>
        new(ProviderNames.WhatsApp, Emulator.BaseAddress, PhoneNumberId, token, null);

    public ProviderEndpoint SmsEndpoint(string authToken = AuthToken, string sender = SenderNumber) =>
        new(ProviderNames.Sms, Emulator.BaseAddress, sender, $"{AccountSid}:{authToken}", null);

    public ProviderEndpoint WebhookEndpoint(string? secret = SigningSecret) => new(ProviderNames.Webhook, null, null, null, secret);

    public static OutgoingMessage Message(MessageChannel channel, string recipient, string content = "Your code is 123456",
        string? metadataJson = null, int attempt = 1) =>
        new(Guid.CreateVersion7(), Guid.NewGuid(), channel, recipient, content, metadataJson, attempt);

    public static StaticOptionsMonitor<DeliveryProviderOptions> Options(DeliveryProviderOptions? options = null) => new(options ?? new DeliveryProviderOptions());

    public static NullLogger<T> Logger<T>() => NullLogger<T>.Instance;
}
