using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>What the modules' own registrations bring to a running host: their recurring jobs and their start-up guards.</summary>
public class ModuleRegistrationTests
{
    [Fact]
    public async Task AnInstanceThatRunsJobs_SchedulesTheMessagesModulesRecurringJobs()
    {
        using var database = new TestDatabase();
        await using var worker = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["role"] = "worker" });
        using var admin = worker.Client(HostProcess.HostAdminKey);

        using var recurring = await admin.GetAsync("hangfire/recurring");

        recurring.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await recurring.Content.ReadAsStringAsync();
        page.ShouldContain("messages.expire-idempotency-keys");
        page.ShouldContain("messages.expire-processed-receipts");
        page.ShouldContain("messages.republish-stuck-accepted");
    }

    [Fact]
    public async Task NoOpIngestion_OutsideTheBenchEnvironment_StopsTheHostWithAClearMessage()
    {
        using var database = new TestDatabase();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["HighThroughput__Ingestion__Mode"] = "NoOp" }));

        refused.Message.ShouldContain("HighThroughput:Ingestion:Mode=NoOp");
        refused.Message.ShouldContain("allowed only in the Bench environment");
    }
}
