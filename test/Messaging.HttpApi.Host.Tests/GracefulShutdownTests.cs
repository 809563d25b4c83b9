using System.Net;
using Messaging.TestSupport;

namespace Messaging;

public class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_RefusesNewSends_CommitsThoseInFlight_ThenExitsCleanly()
    {
        using var database = new TestDatabase();
        var host = await HostProcess.StartAsync(database.File);
        await using var _ = host;
        using var client = host.Client(HostProcess.DemoTenantKey);
        Task<Guid>[] inFlight;

        await using (await database.HoldWriteLockAsync())
        {
            inFlight = Enumerable.Range(0, 5).Select(i => client.SendAcceptedAsync(Api.Sms($"in-flight-{i}"))).ToArray();
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 5, TimeSpan.FromSeconds(10), "five sends wait");

            host.Terminate();
            await Eventually.TrueAsync(host.StoppedAdmittingAsync, TimeSpan.FromSeconds(30), "the host stops admitting sends");
            using var lateClient = host.Client(HostProcess.DemoTenantKey);
            var late = await TrySendAsync(lateClient);
            late.ShouldNotBe(HttpStatusCode.Accepted);
            inFlight.ShouldAllBe(send => !send.IsCompleted);
        }

        var accepted = await Task.WhenAll(inFlight);
        (await host.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, host.Output);
        (await database.StoredMessageIdsAsync()).ShouldBe(accepted, ignoreOrder: true);
        host.Output.ShouldContain("Message buffer drained");
    }

    private static async Task<HttpStatusCode?> TrySendAsync(HttpClient client)
    {
        try
        {
            using var response = await client.SendAsync(Api.Sms("too late"));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
