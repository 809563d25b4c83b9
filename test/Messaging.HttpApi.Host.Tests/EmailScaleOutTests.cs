using System.Globalization;
using System.Text;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>
/// Seed property 16 with real processes: two hosts on one PostgreSQL database both deliver the email queue, and each
/// event reaches the mail server exactly once, whichever host published it and whichever claimed it.
/// </summary>
public class EmailScaleOutTests
{
    private const int EventsPerHost = 30;

    [Fact]
    public async Task TwoHostsOnOneDatabase_SendEachEventOnce_AndBothTakePart()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var smtp = SmtpEmulator.Start();
        // Busy enough that one host cannot empty the queue before the other looks.
        smtp.TakeForEach(TimeSpan.FromMilliseconds(40));
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["Delivery__AllowPrivateNetworks"] = "true",
            ["EventBus__RelayPollInterval"] = "00:00:00.200",
            ["EmailQueue__PollInterval"] = "00:00:00.200",
            ["EmailQueue__BatchSize"] = "4",
            ["EmailQueue__MaxConcurrentSends"] = "2"
        };
        await using var first = await HostProcess.StartAsync(null, settings);
        await using var second = await HostProcess.StartAsync(null, settings);
        using var admin = first.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var viaFirst = first.Client(key);
        using var viaSecond = second.Client(key);
        await viaFirst.UseSmtpServerAsync(smtp.Port);

        var published = new List<Guid>();
        for (var i = 0; i < EventsPerHost; i++)
        {
            published.Add(await EmailEventTests.PublishAsync(viaFirst, EmailEventTests.Welcome($"first{i}@example.com"), null));
            published.Add(await EmailEventTests.PublishAsync(viaSecond, EmailEventTests.Welcome($"second{i}@example.com"), null));
        }

        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "EmlEvents" WHERE "Status" = 'Sent'""") == published.Count,
            TimeSpan.FromSeconds(60), "every event is sent");
        var messageIds = smtp.Accepted.Select(mail => MessageId(Encoding.UTF8.GetString(mail))).ToList();
        messageIds.ShouldBe(published.Select(id => $"<{id:N}@example.com>"), ignoreOrder: true);
        (await CountAsync(database, """SELECT count(*) FROM "EmlAttempts" """)).ShouldBe(published.Count);
        (await SentByAsync(first)).ShouldBeGreaterThan(0);
        (await SentByAsync(second)).ShouldBeGreaterThan(0);
        ((await SentByAsync(first)) + (await SentByAsync(second))).ShouldBe(published.Count);
    }

    private static string MessageId(string mail) =>
        mail.Split("\r\n").Single(line => line.StartsWith("Message-Id: ", StringComparison.OrdinalIgnoreCase))["Message-Id: ".Length..];

    /// <summary>The events this host's worker had accepted by a mail server, from its own metrics.</summary>
    private static async Task<long> SentByAsync(HostProcess host)
    {
        using var operations = host.Client(HostProcess.HostAdminKey);
        var metrics = await operations.GetStringAsync("metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("messaging_emailqueue_sent{", StringComparison.Ordinal))
            .Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static async Task<long> CountAsync(PostgreSqlTestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
