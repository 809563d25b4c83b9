using System.Net;
using System.Net.Sockets;
using Messaging.Infrastructure.Http;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

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
    public async Task ProviderSender_ToAnAddressTheGuardRefuses_FailsPermanently_WithoutAConnection()
    {
        await using var server = new LoopbackHttpServer();
        using var services = TenantSuppliedClient(allowPrivateNetworks: false, out _);
        var sender = new WebhookSender(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, NullLogger<WebhookSender>.Instance);
        var message = new OutgoingMessage(Guid.CreateVersion7(), Guid.NewGuid(), MessageChannel.Webhook, server.Url("hook").ToString(), "{}", null, 1);

        var result = await sender.SendAsync(message, new ProviderEndpoint(ProviderNames.Webhook, null, null, null, "whsec-0123456789abcdef"),
            CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe(AddressNotAllowedException.ErrorCode);
        server.Received.ShouldBeEmpty();
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
