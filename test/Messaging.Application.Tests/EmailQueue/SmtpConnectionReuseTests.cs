using MailKit.Net.Smtp;
using MailKit.Security;
using Messaging.EntityFrameworkCore;
using Messaging.Infrastructure.EmailQueue;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>SMTP connections are kept between emails to one server, and only between sends that authenticate alike.</summary>
public class SmtpConnectionReuseTests
{
    private static async Task<EmailQueueHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var harness = await EmailQueueHarness.StartAsync(DatabaseProvider.Sqlite, settings);
        await harness.Inner.StartRelayAsync();
        return harness;
    }

    [Fact]
    public async Task ABurstOfEmails_ToOneServer_TravelsOverNoMoreConnectionsThanConcurrentSends()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["EmailQueue:MaxConcurrentSends"] = "4" });
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        for (var i = 0; i < 40; i++)
        {
            await harness.PublishQueuedAsync(tenant, $"reader{i}@example.com");
        }

        while (await harness.DeliverAsync() > 0)
        {
        }

        smtp.Accepted.Count.ShouldBe(40);
        smtp.Sessions.ShouldBeInRange(1, 4);
    }

    [Fact]
    public async Task WithoutIdleTime_EveryEmailHasAConnectionOfItsOwn()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync(new Dictionary<string, string?> { ["EmailQueue:SmtpConnectionIdleTime"] = "00:00:00" });
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, smtp);
        for (var i = 0; i < 10; i++)
        {
            await harness.PublishQueuedAsync(tenant, $"reader{i}@example.com");
        }

        while (await harness.DeliverAsync() > 0)
        {
        }

        smtp.Accepted.Count.ShouldBe(10);
        smtp.Sessions.ShouldBe(10);
    }

    [Fact]
    public async Task AConnectionTheServerDroppedWhileIdle_IsReplaced_AndTheEmailGoesOutInTheSameAttempt()
    {
        var first = SmtpEmulator.Start();
        await using var harness = await StartAsync();
        var tenant = Guid.NewGuid();
        await harness.UseSmtpAsync(tenant, first);
        await harness.PublishQueuedAsync(tenant);
        await harness.DeliverAsync();
        first.Sessions.ShouldBe(1);
        var port = first.Port;
        await first.DisposeAsync();
        await using var restarted = SmtpEmulator.Start(port);

        var id = await harness.PublishQueuedAsync(tenant, "grace@example.com");
        await harness.DeliverAsync();

        var status = await harness.GetAsync(tenant, id);
        status.Status.ShouldBe(EmailEventStatus.Sent);
        status.Attempts.Count.ShouldBe(1);
        restarted.Accepted.Count.ShouldBe(1);
        restarted.Sessions.ShouldBe(1);
    }

    [Fact]
    public async Task AConnection_IsNeverLent_ToASendWithOtherCredentials()
    {
        await using var smtp = SmtpEmulator.Start();
        await using var harness = await StartAsync();
        var pool = harness.Inner.Services.GetRequiredService<SmtpConnectionPool>();
        var alice = new SmtpEndpoint("localhost", smtp.Port, SmtpTlsMode.None, "shop", "alice-secret", null);
        var bob = alice with { Password = "bob-secret" };
        Func<SmtpClient, CancellationToken, Task> connect = (client, token) =>
            client.ConnectAsync("localhost", smtp.Port, SecureSocketOptions.None, token);

        var alicesConnection = await pool.RentAsync(alice, connect, reuse: true, CancellationToken.None);
        await pool.ReturnAsync(alicesConnection);
        var bobsConnection = await pool.RentAsync(bob, connect, reuse: true, CancellationToken.None);
        var alicesAgain = await pool.RentAsync(alice, connect, reuse: true, CancellationToken.None);

        bobsConnection.Reused.ShouldBeFalse();
        alicesAgain.Reused.ShouldBeTrue();
        alicesAgain.Client.ShouldBeSameAs(alicesConnection.Client);
        smtp.Sessions.ShouldBe(2);
        await pool.ReturnAsync(bobsConnection);
        await pool.ReturnAsync(alicesAgain);
    }
}
