using Messaging.Infrastructure.Backplane;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages.Providers;

public sealed class ProviderEndpointResolverTests : IDisposable
{
    private const string Token = "EAAG-whatsapp-token-that-must-stay-secret";
    private readonly SharedSqliteFile _database = new();
    private readonly LocalBackplane _backplane = new();

    private static SetProviderConfigurationDto WhatsApp(string token = Token, string baseUrl = "https://graph.example.com") => new()
    {
        BaseUrl = baseUrl,
        SenderId = "106540352242922",
        Credential = token
    };

    [Fact]
    public async Task ConfiguredChannel_ResolvesToItsProvider_WithTheCredentialInClear()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane);
        var tenant = Guid.NewGuid();
        await instance.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp());

        var endpoint = await instance.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None);

        endpoint.ShouldBe(new ProviderEndpoint(ProviderNames.WhatsApp, new Uri("https://graph.example.com"), "106540352242922", Token, null));
        endpoint!.ToString().ShouldNotContain(Token);
    }

    [Fact]
    public async Task Credentials_AreStoredProtected_NeverInClear()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane);
        await instance.ConfigureAsync(Guid.NewGuid(), MessageChannel.WhatsApp, WhatsApp());
        await instance.ConfigureAsync(Guid.NewGuid(), MessageChannel.Webhook, new SetProviderConfigurationDto { SigningSecret = "whsec-signing-secret-in-clear" });

        _database.Contains("106540352242922").ShouldBeTrue("the check must see what is stored in clear");
        _database.Contains(Token).ShouldBeFalse();
        _database.Contains("whsec-signing-secret-in-clear").ShouldBeFalse();
    }

    [Fact]
    public async Task UnconfiguredChannel_FallsBackToTheSandbox_ButEmailIsNotItsToDeliver()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane);
        var tenant = Guid.NewGuid();

        var sms = await instance.Resolver.ResolveAsync(tenant, MessageChannel.Sms, CancellationToken.None);
        var email = await instance.Resolver.ResolveAsync(tenant, MessageChannel.Email, CancellationToken.None);

        sms.ShouldBe(new ProviderEndpoint(ProviderNames.Sandbox, null, null, null, null));
        email.ShouldBeNull();
    }

    [Fact]
    public async Task WithoutAFallbackProvider_AnUnconfiguredChannelHasNoEndpoint()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane,
            new Dictionary<string, string?> { ["Delivery:FallbackProvider"] = "" });

        (await instance.Resolver.ResolveAsync(Guid.NewGuid(), MessageChannel.Sms, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task AnotherTenantsConfiguration_IsNotResolvedForThisOne()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane);
        await instance.ConfigureAsync(Guid.NewGuid(), MessageChannel.WhatsApp, WhatsApp());

        var other = await instance.Resolver.ResolveAsync(Guid.NewGuid(), MessageChannel.WhatsApp, CancellationToken.None);

        other!.Provider.ShouldBe(ProviderNames.Sandbox);
    }

    [Fact]
    public async Task AChange_TakesEffectAtOnce_ThoughTheEndpointWasCached()
    {
        await using var instance = await ProviderHarness.StartAsync(_database.Path, _backplane);
        var tenant = Guid.NewGuid();
        await instance.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp());
        await instance.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None);

        await instance.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp(token: "EAAG-rotated-token"));
        var rotated = await instance.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None);
        await instance.InTenantAsync(tenant, async services =>
        {
            await services.GetRequiredService<IMessageProviderAppService>().DeleteConfigurationAsync(MessageChannel.WhatsApp);
            return 0;
        });
        var deleted = await instance.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None);

        rotated!.Credential.ShouldBe("EAAG-rotated-token");
        deleted!.Provider.ShouldBe(ProviderNames.Sandbox);
    }

    [Fact]
    public async Task AChangeOnAnotherInstance_TakesEffectHere_WithTheSharedKeys()
    {
        await using var first = await ProviderHarness.StartAsync(_database.Path, _backplane);
        await using var second = await ProviderHarness.StartAsync(_database.Path, _backplane);
        var tenant = Guid.NewGuid();
        await first.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp());
        (await second.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None))!.Credential.ShouldBe(Token);

        await first.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp(token: "EAAG-rotated-on-the-first"));

        (await second.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None))!.Credential.ShouldBe("EAAG-rotated-on-the-first");
    }

    [Fact]
    public async Task WithoutTheBackplaneSignal_AnotherInstanceKeepsItsCachedEndpoint()
    {
        // The counterpart of the test above: it shows the signal, not a cache miss, is what made the change visible there.
        await using var first = await ProviderHarness.StartAsync(_database.Path, new LocalBackplane());
        await using var second = await ProviderHarness.StartAsync(_database.Path, new LocalBackplane());
        var tenant = Guid.NewGuid();
        await first.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp());
        await second.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None);

        await first.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp(token: "EAAG-rotated-on-the-first"));

        (await second.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None))!.Credential.ShouldBe(Token);
    }

    [Fact]
    public async Task WithAKeyCertificate_TheKeyRingIsStoredEncrypted_AndStillReadByEveryInstance()
    {
        var certificatePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_database.Path)!, "keys.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=messaging-keys", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        }

        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:KeyCertificatePath"] = certificatePath,
            ["DataProtection:KeyCertificatePassword"] = "pfx-password"
        };
        await using var first = await ProviderHarness.StartAsync(_database.Path, _backplane, settings);
        await using var second = await ProviderHarness.StartAsync(_database.Path, _backplane, settings);
        var tenant = Guid.NewGuid();
        await first.ConfigureAsync(tenant, MessageChannel.WhatsApp, WhatsApp());

        var keyRing = await first.InTenantAsync(tenant, async services =>
            await services.GetRequiredService<Messaging.EntityFrameworkCore.MessagingDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        keyRing.ShouldNotBeEmpty();
        // In clear, a key's material is a <value> under <masterKey>; encrypted, it is an <encryptedSecret> instead.
        keyRing.ShouldAllBe(xml => xml!.Contains("<encryptedSecret") && !xml.Contains("<value>"));
        (await second.Resolver.ResolveAsync(tenant, MessageChannel.WhatsApp, CancellationToken.None))!.Credential.ShouldBe(Token);
    }

    public void Dispose() => _database.Dispose();
}
