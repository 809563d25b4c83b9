using System.Net;
using System.Text.Json.Nodes;
using Messaging.EntityFrameworkCore;
using Messaging.Messages;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>The activity feed and its statistics through the real host, the same scenarios on each database.</summary>
public abstract class MessageFeedTests
{
    private static readonly DateTime Day = new(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc);

    protected abstract HostProcess Host { get; }

    protected abstract Task StoreAsync(Guid tenantId, IEnumerable<Message> messages);

    [Fact]
    public async Task Feed_ListsTheTenantsMessagesNewestFirst_WithTheirStateButNotTheirContent()
    {
        using var known = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;

        var page = await ListAsync(tenant, "");

        Ids(page).ShouldBe(known.Newest(6));
        page["nextCursor"].ShouldBeNull();
        var failed = page["items"]!.AsArray().Single(item => item!["trackingId"]!.GetValue<Guid>() == known.SmsFailed.Id)!.AsObject();
        failed.Select(property => property.Key).ShouldBe(
            ["trackingId", "status", "channel", "priority", "recipient", "acceptedAt", "lastStatusChangeAt", "dispatchAttempts", "providerName", "failureCode"],
            ignoreOrder: true);
        failed["status"]!.GetValue<string>().ShouldBe("Failed");
        failed["channel"]!.GetValue<string>().ShouldBe("Sms");
        failed["priority"]!.GetValue<string>().ShouldBe("High");
        failed["recipient"]!.GetValue<string>().ShouldBe("+14155550002");
        failed["acceptedAt"]!.GetValue<DateTime>().ShouldBe(Day.AddHours(10).AddMinutes(20));
        failed["lastStatusChangeAt"]!.GetValue<DateTime>().ShouldBe(Day.AddHours(10).AddMinutes(20).AddSeconds(1));
        failed["dispatchAttempts"]!.GetValue<int>().ShouldBe(1);
        failed["failureCode"]!.GetValue<string>().ShouldBe("invalid-number");
    }

    [Fact]
    public async Task Feed_Filters_AllMustHold()
    {
        using var known = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;

        Ids(await ListAsync(tenant, "status=Failed")).ShouldBe([known.WebhookFailed.Id, known.SmsFailed.Id]);
        Ids(await ListAsync(tenant, "channel=Sms")).ShouldBe([known.SmsCritical.Id, known.SmsFailed.Id, known.SmsDelivered.Id]);
        Ids(await ListAsync(tenant, "priority=High")).ShouldBe([known.SmsFailed.Id]);
        Ids(await ListAsync(tenant, "recipient=%2B14155550001")).ShouldBe([known.WhatsAppSent.Id, known.SmsDelivered.Id]);
        Ids(await ListAsync(tenant, "from=2026-01-15T10:20:00Z&to=2026-01-15T11:15:00Z"))
            .ShouldBe([known.EmailAccepted.Id, known.WhatsAppSent.Id, known.SmsFailed.Id]);
        Ids(await ListAsync(tenant, $"trackingIds={known.SmsDelivered.Id}&trackingIds={known.EmailAccepted.Id}"))
            .ShouldBe([known.EmailAccepted.Id, known.SmsDelivered.Id]);
        Ids(await ListAsync(tenant, "channel=Sms&status=Delivered")).ShouldBe([known.SmsCritical.Id, known.SmsDelivered.Id]);
        Ids(await ListAsync(tenant, "channel=Email&status=Failed")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Paging_WalksEveryMessageOnce_WhileNewMessagesArrive()
    {
        using var tenant = await NewTenantAsync();
        var existing = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            existing.Add(await tenant.SendAcceptedAsync(Api.Sms($"existing {i}")));
        }

        var walked = new List<JsonNode?>();
        var arrived = new List<Guid>();
        var page = await ListAsync(tenant, "pageSize=5");
        var pages = 1;
        walked.AddRange(page["items"]!.AsArray());
        while (page["nextCursor"] is { } cursor)
        {
            arrived.Add(await tenant.SendAcceptedAsync(Api.Sms("arrived while paging")));
            page = await ListAsync(tenant, $"pageSize=5&cursor={cursor.GetValue<string>()}");
            walked.AddRange(page["items"]!.AsArray());
            pages++;
        }

        var walkedIds = walked.Select(item => item!["trackingId"]!.GetValue<Guid>()).ToList();
        walkedIds.ShouldBe(existing, ignoreOrder: true);
        walkedIds.Count.ShouldBe(walkedIds.Distinct().Count());
        pages.ShouldBe(5);
        var acceptedAt = walked.Select(item => item!["acceptedAt"]!.GetValue<DateTime>()).ToList();
        acceptedAt.ShouldBe(acceptedAt.OrderByDescending(at => at).ToList());
        Ids(await ListAsync(tenant, $"pageSize={arrived.Count}")).ShouldBe(arrived, ignoreOrder: true);
    }

    [Fact]
    public async Task Cursor_ThatIsGarbled_Edited_OrAnotherTenants_Answers400()
    {
        using var known = await TenantWithKnownMessagesAsync();
        using var other = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;
        var cursor = (await ListAsync(tenant, "pageSize=2"))["nextCursor"]!.GetValue<string>();
        var othersCursor = (await ListAsync(other.Client, "pageSize=2"))["nextCursor"]!.GetValue<string>();
        var edited = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        foreach (var bad in new[] { "not-a-cursor", cursor[..^2], cursor + "AAAA", edited, othersCursor, "" + '\u00e9' })
        {
            using var response = await tenant.GetAsync($"api/app/message?pageSize=2&cursor={Uri.EscapeDataString(bad)}");
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["cursor"].ShouldNotBeNull(bad);
        }
    }

    [Fact]
    public async Task PageSize_OutsideOneTo200_Answers400()
    {
        using var known = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;

        foreach (var size in new[] { 0, -1, MessageFeedConsts.MaxPageSize + 1 })
        {
            using var response = await tenant.GetAsync($"api/app/message?pageSize={size}");
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["pageSize"]!.AsArray().Single()!.GetValue<string>().ShouldContain("200");
        }

        Ids(await ListAsync(tenant, $"pageSize={MessageFeedConsts.MaxPageSize}")).Count.ShouldBe(known.Newest(6).Length);
    }

    [Theory]
    [InlineData("api/app/message?status=Bogus", "status")]
    [InlineData("api/app/message?pageSize=many", "pageSize")]
    [InlineData("api/app/message?trackingIds=not-a-guid", "trackingIds")]
    [InlineData("api/app/message?from=yesterday", "from")]
    [InlineData("api/app/message/statistics?from=2026-01-15T00:00:00Z&to=2026-01-16T00:00:00Z&bucket=Week", "bucket")]
    public async Task MalformedQueryValue_Answers400NamingIt(string path, string field)
    {
        using var tenant = await NewTenantAsync();

        using var response = await tenant.GetAsync(path);

        (await response.ProblemAsync(HttpStatusCode.BadRequest))["errors"]![field].ShouldNotBeNull();
    }

    [Fact]
    public async Task AnotherTenantsMessages_NeverAppear_NotEvenByTrackingId()
    {
        using var known = await TenantWithKnownMessagesAsync();
        using var stranger = await NewTenantAsync();
        var strangersOwn = await stranger.SendAcceptedAsync(Api.Sms("mine"));

        Ids(await ListAsync(stranger, "pageSize=200")).ShouldBe([strangersOwn]);
        Ids(await ListAsync(stranger, $"trackingIds={known.SmsFailed.Id}&trackingIds={known.SmsDelivered.Id}")).ShouldBeEmpty();
        Ids(await ListAsync(stranger, "recipient=%2B14155550001&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")).ShouldBeEmpty();
        var statistics = await StatisticsAsync(stranger, "from=2026-01-15T00:00:00Z&to=2026-01-16T00:00:00Z&bucket=Day");
        statistics["buckets"]!.AsArray().Single()!["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Statistics_CountByHourStatusAndChannel_WithEmptyBucketsZeroFilled()
    {
        using var known = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;

        var statistics = await StatisticsAsync(tenant, "from=2026-01-15T10:00:00Z&to=2026-01-15T14:00:00Z&bucket=Hour");

        statistics["bucket"]!.GetValue<string>().ShouldBe("Hour");
        Buckets(statistics).ShouldBe(
        [
            "2026-01-15T10:00:00Z 3: Sent WhatsApp 1, Delivered Sms 1, Failed Sms 1",
            "2026-01-15T11:00:00Z 2: Accepted Email 1, Delivered Sms 1",
            "2026-01-15T12:00:00Z 0: ",
            "2026-01-15T13:00:00Z 1: Failed Webhook 1"
        ]);
    }

    [Fact]
    public async Task Statistics_ByMinute_ByDay_ForOneChannel_AndOverPartialBuckets()
    {
        using var known = await TenantWithKnownMessagesAsync();
        var tenant = known.Client;

        var minutes = Buckets(await StatisticsAsync(tenant, "from=2026-01-15T10:00:00Z&to=2026-01-15T10:30:00Z&bucket=Minute"));
        var days = Buckets(await StatisticsAsync(tenant, "from=2026-01-14T00:00:00Z&to=2026-01-16T00:00:00Z&bucket=Day"));
        var sms = Buckets(await StatisticsAsync(tenant, "from=2026-01-15T10:00:00Z&to=2026-01-15T14:00:00Z&bucket=Hour&channel=Sms"));
        var partial = Buckets(await StatisticsAsync(tenant, "from=2026-01-15T10:30:00Z&to=2026-01-15T11:12:00Z&bucket=Hour"));

        minutes.Count.ShouldBe(30);
        minutes.Where(bucket => !bucket.EndsWith(" 0: ", StringComparison.Ordinal))
            .ShouldBe(["2026-01-15T10:05:00Z 1: Delivered Sms 1", "2026-01-15T10:20:00Z 1: Failed Sms 1"]);
        days.ShouldBe(["2026-01-14T00:00:00Z 0: ", "2026-01-15T00:00:00Z 6: Accepted Email 1, Sent WhatsApp 1, Delivered Sms 2, Failed Sms 1, Failed Webhook 1"]);
        sms.ShouldBe(["2026-01-15T10:00:00Z 2: Delivered Sms 1, Failed Sms 1", "2026-01-15T11:00:00Z 1: Delivered Sms 1",
            "2026-01-15T12:00:00Z 0: ", "2026-01-15T13:00:00Z 0: "]);
        partial.ShouldBe(["2026-01-15T10:00:00Z 1: Sent WhatsApp 1", "2026-01-15T11:00:00Z 1: Accepted Email 1"]);
    }

    [Fact]
    public async Task Statistics_OverMoreThan1440Buckets_OrWithoutARange_Answers400()
    {
        using var tenant = await NewTenantAsync();

        using var tooMany = await tenant.GetAsync("api/app/message/statistics?from=2026-01-15T00:00:00Z&to=2026-01-16T00:01:00Z&bucket=Minute");
        using var backwards = await tenant.GetAsync("api/app/message/statistics?from=2026-01-16T00:00:00Z&to=2026-01-15T00:00:00Z&bucket=Hour");
        using var noRange = await tenant.GetAsync("api/app/message/statistics?bucket=Hour");
        using var exactlyTheCap = await tenant.GetAsync("api/app/message/statistics?from=2026-01-15T00:00:00Z&to=2026-01-16T00:00:00Z&bucket=Minute");

        (await tooMany.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["to"]!.AsArray().Single()!.GetValue<string>()
            .ShouldContain("1441 minute buckets; at most 1440");
        (await backwards.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["to"].ShouldNotBeNull();
        var missing = (await noRange.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject();
        missing.Select(error => error.Key).ShouldBe(["from", "to"], ignoreOrder: true);
        (await exactlyTheCap.JsonAsync(HttpStatusCode.OK))["buckets"]!.AsArray().Count.ShouldBe(MessageFeedConsts.MaxStatisticsBuckets);
    }

    private async Task<HttpClient> NewTenantAsync()
    {
        using var admin = Host.Client(HostProcess.HostAdminKey);
        var (_, apiKey) = await admin.CreateTenantAsync();
        return Host.Client(apiKey);
    }

    private async Task<KnownMessages> TenantWithKnownMessagesAsync()
    {
        using var admin = Host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync();
        var known = new KnownMessages(tenantId, Host.Client(apiKey));
        await StoreAsync(tenantId, known.All);
        return known;
    }

    private static async Task<JsonObject> ListAsync(HttpClient tenant, string query)
    {
        using var response = await tenant.GetAsync($"api/app/message?{query}");
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonObject> StatisticsAsync(HttpClient tenant, string query)
    {
        using var response = await tenant.GetAsync($"api/app/message/statistics?{query}");
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static List<Guid> Ids(JsonObject page) => page["items"]!.AsArray().Select(item => item!["trackingId"]!.GetValue<Guid>()).ToList();

    /// <summary>Each bucket as "start total: status channel count, ..." in the order the API gives them.</summary>
    private static List<string> Buckets(JsonObject statistics) => statistics["buckets"]!.AsArray()
        .Select(bucket => $"{bucket!["start"]!.GetValue<string>()} {bucket["total"]!.GetValue<int>()}: " + string.Join(", ",
            bucket["counts"]!.AsArray().Select(count =>
                $"{count!["status"]!.GetValue<string>()} {count["channel"]!.GetValue<string>()} {count["count"]!.GetValue<int>()}")))
        .ToList();

    /// <summary>A tenant's client and its six messages on 2026-01-15 (UTC), each a different case for the filters and the buckets.</summary>
    private sealed class KnownMessages(Guid tenantId, HttpClient client) : IDisposable
    {
        public HttpClient Client => client;

        public Message SmsDelivered { get; } = StoredMessages.Create(tenantId, At(10, 5), MessageStatus.Delivered, recipient: "+14155550001");
        public Message SmsFailed { get; } = StoredMessages.Create(tenantId, At(10, 20), MessageStatus.Failed, priority: MessagePriority.High, recipient: "+14155550002");
        public Message WhatsAppSent { get; } = StoredMessages.Create(tenantId, At(10, 40), MessageStatus.Sent, MessageChannel.WhatsApp, recipient: "+14155550001");
        public Message EmailAccepted { get; } = StoredMessages.Create(tenantId, At(11, 10), MessageStatus.Accepted, MessageChannel.Email, MessagePriority.Low, "someone@example.com");
        public Message SmsCritical { get; } = StoredMessages.Create(tenantId, At(11, 15), MessageStatus.Delivered, priority: MessagePriority.Critical, recipient: "+14155550003");
        public Message WebhookFailed { get; } = StoredMessages.Create(tenantId, At(13, 30), MessageStatus.Failed, MessageChannel.Webhook, recipient: "https://receiver.example.com/hook");

        public Message[] All => [SmsDelivered, SmsFailed, WhatsAppSent, EmailAccepted, SmsCritical, WebhookFailed];

        public Guid[] Newest(int count) => All.OrderByDescending(message => message.AcceptedAt).Take(count).Select(message => message.Id).ToArray();

        public void Dispose() => client.Dispose();

        private static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);
    }
}

[Collection(SharedHostCollection.Name)]
public sealed class MessageFeedOnSqliteTests(SharedHost shared) : MessageFeedTests
{
    protected override HostProcess Host => shared.Host;

    protected override Task StoreAsync(Guid tenantId, IEnumerable<Message> messages) =>
        StoredMessages.InsertAsync(DatabaseProvider.Sqlite, shared.Database.ConnectionString, tenantId, messages);
}

public sealed class MessageFeedOnPostgreSqlTests(PostgreSqlHost postgreSql) : MessageFeedTests, IClassFixture<PostgreSqlHost>
{
    protected override HostProcess Host => postgreSql.Host;

    protected override Task StoreAsync(Guid tenantId, IEnumerable<Message> messages) =>
        StoredMessages.InsertAsync(DatabaseProvider.PostgreSql, postgreSql.Database.ConnectionString, tenantId, messages);
}
