using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Outside Development, secrets are not protected by keys stored in clear beside them unless the operator accepts it.</summary>
public class KeyRingProtectionTests
{
    [Fact]
    public async Task OnADatabaseServer_WithoutACertificate_TheHostRefusesToStart_SayingWhatToSet()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(null, Settings(database, allowUnprotected: "")));

        refused.Message.ShouldContain("DataProtection:KeyCertificatePath");
        refused.Message.ShouldContain("DataProtection:AllowUnprotectedKeyRingInDatabase=true");
    }

    [Fact]
    public async Task OnADatabaseServer_WhenTheOperatorAcceptsIt_TheHostStarts_AndWarns()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();

        await using var host = await HostProcess.StartAsync(null, Settings(database, allowUnprotected: "true"));

        using var tenant = host.Client(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms("secrets protected by a key ring in clear, as accepted"));
        host.Output.ShouldContain("key ring is stored in clear in the database");
    }

    [Fact]
    public async Task TheEmbeddedDefault_StartsWithNoSetup()
    {
        using var database = new TestDatabase();

        await using var host = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["DataProtection__AllowUnprotectedKeyRingInDatabase"] = "" });

        using var ready = await host.Client().GetAsync("health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static Dictionary<string, string> Settings(PostgreSqlTestDatabase database, string allowUnprotected) => new()
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Default"] = database.ConnectionString,
        ["DataProtection__AllowUnprotectedKeyRingInDatabase"] = allowUnprotected
    };
}
