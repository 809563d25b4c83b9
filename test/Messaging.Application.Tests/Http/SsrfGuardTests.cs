using System.Net;
using System.Net.Sockets;
using Messaging.Infrastructure.Http;
using Messaging.Infrastructure.Messages.Providers.Webhook;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.Http;

/// <summary>The tenant-supplied client as the infrastructure module registers it, against a real server on loopback.</summary>
public class SsrfGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task LoopbackServer_IsRefused_WithoutThePrivateNetworksSetting(string host)
    {
        await using var server = new LoopbackHttpServer();
        using var services = TenantSuppliedClient(allowPrivateNetworks: false, out var client);

        var failure = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:{server.Port}/"));

        AddressNotAllowedException.IsCauseOf(failure).ShouldBeTrue(failure.ToString());
        server.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoopbackServer_IsReached_WithThePrivateNetworksSetting()
    {
        await using var server = new LoopbackHttpServer(HttpStatusCode.Accepted);
        using var services = TenantSuppliedClient(allowPrivateNetworks: true, out var client);

        using var response = await client.PostAsync(server.Url(), new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        server.Received.Single().Path.ShouldBe("/callback");
    }

    [Fact]
    public async Task ProviderSender_RefusedAndUnreachableAddresses_FailAlikeForTheTenant_ButNotInTheOperatorsLog()
    {
        await using var server = new LoopbackHttpServer();
        var closedPort = ClosedLoopbackPort();
        using var guarded = TenantSuppliedClient(allowPrivateNetworks: false, out _);
        using var open = TenantSuppliedClient(allowPrivateNetworks: true, out _);
        var refusedLog = new RecordingLogger<WebhookSender>();
        var unreachableLog = new RecordingLogger<WebhookSender>();

        var refused = await SendWebhookAsync(guarded, refusedLog, server.Url("hook").ToString());
        var unreachable = await SendWebhookAsync(open, unreachableLog, $"http://127.0.0.1:{closedPort}/hook");

        refused.Outcome.ShouldBe(unreachable.Outcome);
        refused.ErrorCode.ShouldBe(unreachable.ErrorCode);
        refused.Error.ShouldBe(unreachable.Error);
        server.Received.ShouldBeEmpty();
        refusedLog.Messages.ShouldContain(message => message.Contains("SSRF guard refused", StringComparison.Ordinal));
        unreachableLog.Messages.ShouldContain(message => message.Contains("Could not connect", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(22)]
    [InlineData(6379)]
    [InlineData(8080)]
    public async Task PortOutsideTheAllowList_IsRefused_BeforeAnyLookupOrConnection(int port)
    {
        var failure = await Should.ThrowAsync<AddressNotAllowedException>(async () =>
            await SsrfGuard.ConnectAsync(new DnsEndPoint("name-that-is-never-looked-up.invalid", port), allowPrivateNetworks: false,
                CancellationToken.None));

        failure.Address.ShouldBe($"port {port}");
    }

    [Fact]
    public async Task ConfiguredPorts_ReplaceTheDefaultOnes()
    {
        var allowed = new OutboundAddressOptions { AllowedPorts = [9443] }.EffectiveAllowedPorts;

        await Should.ThrowAsync<AddressNotAllowedException>(async () =>
            await SsrfGuard.ConnectAsync(new DnsEndPoint("name-that-is-never-looked-up.invalid", 443), false, allowed, CancellationToken.None));
        var passedThePortCheck = await Should.ThrowAsync<SocketException>(async () =>
            await SsrfGuard.ConnectAsync(new DnsEndPoint("name-that-is-never-looked-up.invalid", 9443), false, allowed, CancellationToken.None));
        passedThePortCheck.SocketErrorCode.ShouldBe(SocketError.HostNotFound);
    }

    [Fact]
    public async Task Redirects_AreNotFollowed()
    {
        await using var server = new LoopbackHttpServer(HttpStatusCode.Redirect) { RedirectTo = "http://169.254.169.254/latest/meta-data/" };
        using var services = TenantSuppliedClient(allowPrivateNetworks: true, out var client);

        using var response = await client.GetAsync(server.Url());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.Host.ShouldBe("169.254.169.254");
        server.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CloudMetadataAddress_IsRefusedBeforeAnyConnection()
    {
        var failure = await Should.ThrowAsync<AddressNotAllowedException>(async () =>
            await SsrfGuard.ConnectAsync(new DnsEndPoint("169.254.169.254", 80), allowPrivateNetworks: false, CancellationToken.None));

        failure.Address.ShouldBe("169.254.169.254");
    }

    [Fact]
    public async Task ConnectionGoesToTheCheckedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptSocketAsync();

        await using var stream = await SsrfGuard.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowPrivateNetworks: true, CancellationToken.None);
        using var socket = await accepted;

        ((IPEndPoint)socket.RemoteEndPoint!).Address.ShouldBe(IPAddress.Loopback);
    }

    private static Task<SendResult> SendWebhookAsync(ServiceProvider services, ILogger<WebhookSender> logger, string url)
    {
        var sender = new WebhookSender(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, logger);
        var message = new OutgoingMessage(Guid.CreateVersion7(), Guid.NewGuid(), MessageChannel.Webhook, url, "{}", null, 1);
        return sender.SendAsync(message, new ProviderEndpoint(ProviderNames.Webhook, null, null, null, "whsec-0123456789abcdef"),
            CancellationToken.None);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ServiceProvider TenantSuppliedClient(bool allowPrivateNetworks, out HttpClient client)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = allowPrivateNetworks.ToString() })
            .Build();
        var services = new ServiceCollection().AddTenantSuppliedHttpClient(configuration).BuildServiceProvider();
        client = services.GetRequiredService<IHttpClientFactory>().CreateClient(OutboundHttpClients.TenantSupplied);
        return services;
    }
}

internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Enqueue(formatter(state, exception));
}
