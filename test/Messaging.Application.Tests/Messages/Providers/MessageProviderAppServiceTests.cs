using Messaging.ExceptionHandling;
using Messaging.Infrastructure.Backplane;
using Messaging.Messages.Delivery;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages.Providers;

public sealed class MessageProviderAppServiceTests : IAsyncLifetime
{
    private readonly SharedSqliteFile _database = new();
    private ProviderHarness _instance = null!;
    private readonly Guid _tenant = Guid.NewGuid();

    public async Task InitializeAsync() => _instance = await ProviderHarness.StartAsync(_database.Path, new LocalBackplane());

    public async Task DisposeAsync()
    {
        await _instance.DisposeAsync();
        _database.Dispose();
    }

    private Task<ProviderEndpoint?> ResolveAsync(MessageChannel channel) => _instance.Resolver.ResolveAsync(_tenant, channel, CancellationToken.None);

    [Fact]
    public async Task ASecretLeftOut_IsKept_AndAnEmptyOneRemoved()
    {
        await _instance.ConfigureAsync(_tenant, MessageChannel.Sms, new SetProviderConfigurationDto
        {
            BaseUrl = "https://api.example.com", SenderId = "+15005550006", Credential = "AC1:token", SigningSecret = "receipt-secret-0123456789"
        });

        var kept = await _instance.ConfigureAsync(_tenant, MessageChannel.Sms, new SetProviderConfigurationDto
        {
            BaseUrl = "https://api.example.com", SenderId = "+15005550007"
        });
        var keptEndpoint = await ResolveAsync(MessageChannel.Sms);
        var removed = await _instance.ConfigureAsync(_tenant, MessageChannel.Sms, new SetProviderConfigurationDto
        {
            BaseUrl = "https://api.example.com", SenderId = "+15005550007", SigningSecret = ""
        });

        kept.HasCredential.ShouldBeTrue();
        kept.HasSigningSecret.ShouldBeTrue();
        keptEndpoint!.Credential.ShouldBe("AC1:token");
        keptEndpoint.SenderId.ShouldBe("+15005550007");
        removed.HasSigningSecret.ShouldBeFalse();
        removed.HasCredential.ShouldBeTrue();
    }

    [Fact]
    public async Task ANewBaseUrl_NeedsTheCredentialAgain_SoItIsNeverSentWhereItWasNotGiven()
    {
        await _instance.ConfigureAsync(_tenant, MessageChannel.WhatsApp, new SetProviderConfigurationDto
        {
            BaseUrl = "https://graph.example.com", SenderId = "1065", Credential = "EAAG-token"
        });

        var refused = await Should.ThrowAsync<InputValidationException>(() => _instance.ConfigureAsync(_tenant, MessageChannel.WhatsApp,
            new SetProviderConfigurationDto { BaseUrl = "https://collector.example.net", SenderId = "1065" }));

        refused.Errors.Keys.ShouldBe(["credential"]);
        (await ResolveAsync(MessageChannel.WhatsApp))!.BaseUrl.ShouldBe(new Uri("https://graph.example.com"));
    }

    [Fact]
    public async Task AProviderThatCannotDeliverTheChannel_IsUnprocessable()
    {
        var refused = await Should.ThrowAsync<UnprocessableRequestException>(() =>
            _instance.ConfigureAsync(_tenant, MessageChannel.Sms, new SetProviderConfigurationDto { Provider = "webhook", SigningSecret = "0123456789abcdef" }));

        refused.Code.ShouldBe(MessagingErrorCodes.ProviderDoesNotSupportChannel);
    }

    [Fact]
    public async Task PlainHttpBaseUrls_AreRefused_UnlessTheHostAllowsPrivateNetworks()
    {
        var local = new SetProviderConfigurationDto { BaseUrl = "http://127.0.0.1:5090", SenderId = "1065", Credential = "token" };
        await using var permissive = await ProviderHarness.StartAsync(_database.Path, new LocalBackplane(),
            new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "true" });

        var refused = await Should.ThrowAsync<InputValidationException>(() => _instance.ConfigureAsync(_tenant, MessageChannel.WhatsApp, local));
        var allowed = await permissive.ConfigureAsync(_tenant, MessageChannel.WhatsApp, local);

        refused.Errors.Keys.ShouldBe(["baseUrl"]);
        allowed.BaseUrl.ShouldBe("http://127.0.0.1:5090");
    }

    [Fact]
    public async Task Providers_ListTheChannelsEachCanDeliver()
    {
        var providers = await _instance.InTenantAsync(_tenant, services =>
            Task.FromResult(services.GetRequiredService<IMessageProviderAppService>().GetProviders()));

        providers.Select(p => $"{p.Name}: {string.Join(", ", p.Channels)}").ShouldBe([
            "sandbox: WhatsApp, Sms, Webhook",
            "sms: Sms",
            "webhook: Webhook",
            "whatsapp: WhatsApp"
        ]);
    }
}
