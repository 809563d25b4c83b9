using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Messaging.Messages;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>A host with the default setting: tenant callbacks never reach loopback, however the address is spelled.</summary>
public class CallbackAddressGuardTests
{
    [Fact]
    public async Task LoopbackCallbacks_AreRefused_WithoutThePrivateNetworksSetting()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["EventBus__RelayPollInterval"] = "00:00:00.200"
        });
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var tenant = host.Client(key);

        using var plainHttp = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = $"http://127.0.0.1:{port}/status" });
        using var loopbackLiteral = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = $"https://127.0.0.1:{port}/status" });
        // A name passes the first check; only the guard, resolving it when connecting, finds where it leads.
        using var loopbackName = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = $"https://localhost:{port}/status" });
        var secret = await ReceiptAndCallbackTests.ConfigureProviderAsync(host, key, MessageChannel.Sms);
        var providerId = "SM-" + Guid.NewGuid();
        await database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);
        using var anonymous = host.Client();
        var (body, headers) = ReceiptAndCallbackTests.Signed(secret,
            ReceiptAndCallbackTests.Receipt("r-guard", providerId, "delivered"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/app/message-receipt/sms") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var receipt = await anonymous.SendAsync(request);

        (await plainHttp.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["url"].ShouldNotBeNull();
        (await loopbackLiteral.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["url"].ShouldNotBeNull();
        loopbackName.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (await anonymous.GetStringAsync("metrics")).Contains("outcome=\"refused\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the callback is refused");
        listener.Pending().ShouldBeFalse("no connection may reach the loopback port");
        var metrics = await anonymous.GetStringAsync("metrics");
        metrics.ShouldNotContain("outcome=\"retrying\"");
        metrics.ShouldNotContain("outcome=\"delivered\"");
    }
}
