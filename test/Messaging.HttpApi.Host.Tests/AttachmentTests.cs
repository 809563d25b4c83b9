using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.TestSupport;
using Microsoft.Data.Sqlite;

namespace Messaging;

/// <summary>Attachments through the real host: streamed uploads and their refusals, processing, signed links, deletion, tenancy.</summary>
[Collection(SharedHostCollection.Name)]
public class AttachmentTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    /// <summary>A multipart/form-data body with the file in the field <c>file</c>, and its content type.</summary>
    public static (byte[] Body, string ContentType) Multipart(string fileName, string contentType, byte[] content)
    {
        var boundary = "----attachment-" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n\r\n"));
        body.Write(content);
        body.Write(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
        return (body.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string contentType = "text/plain", string fileName = "notes.txt")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("api/app/attachment", form);
    }

    public static async Task<Guid> UploadAcceptedAsync(HttpClient client, byte[] content, string contentType = "text/plain")
    {
        using var response = await UploadAsync(client, content, contentType);
        return (await response.JsonAsync(HttpStatusCode.Accepted))["attachmentId"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> CompletedAsync(HttpClient client, Guid id, TimeSpan? within = null)
    {
        JsonObject status = null!;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync($"api/app/attachment/{id}");
            status = await response.JsonAsync(HttpStatusCode.OK);
            return status["status"]!.GetValue<string>() is "Completed" or "Failed";
        }, within ?? TimeSpan.FromSeconds(30), $"attachment {id} is processed");
        return status;
    }

    [Fact]
    public async Task AnUploadsProgress_StreamsFromQueuedToCompleted_OverTheSseHub_AndOnlyToItsTenant()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherKey) = await hostAdmin.CreateTenantAsync();
        var id = await UploadAcceptedAsync(tenant, "line one\nline two\n"u8.ToArray());

        await using var progress = await EventStream.OpenAsync(_host, $"api/app/attachment/{id}/events", HostProcess.DemoTenantKey, lastEventId: 0);
        await progress.WaitForAsync("\"status\":\"Completed\"", TimeSpan.FromSeconds(30));
        using var otherTenant = _host.Client(otherKey);
        using var foreign = await otherTenant.GetAsync($"api/app/attachment/{id}/events");

        progress.Received.ShouldContain("event: progress");
        progress.Received.ShouldContain("\"percent\":100");
        progress.Received.IndexOf("\"status\":\"Queued\"", StringComparison.Ordinal)
            .ShouldBeLessThan(progress.Received.IndexOf("\"status\":\"Completed\"", StringComparison.Ordinal));
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUpload_Answers202_IsProcessed_AndDownloadsBySignedLink()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var content = "name,age\nada,36\n"u8.ToArray();

        using var response = await UploadAsync(tenant, content, "text/csv", "people.csv");
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var id = accepted["attachmentId"]!.GetValue<Guid>();
        var status = await CompletedAsync(tenant, id);
        using var linkResponse = await tenant.GetAsync($"api/app/attachment/{id}/download-link?expiresInSeconds=60");
        var link = await linkResponse.JsonAsync(HttpStatusCode.OK);
        using var anonymous = new HttpClient();
        using var download = await anonymous.GetAsync(link["url"]!.GetValue<string>());

        accepted["status"]!.GetValue<string>().ShouldBe("Queued");
        response.Headers.Location!.ToString().ShouldBe($"/api/app/attachment/{id}");
        status["status"]!.GetValue<string>().ShouldBe("Completed");
        status["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        status["result"]!["records"]!.GetValue<long>().ShouldBe(1);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(content);
        link["url"]!.GetValue<string>().ShouldNotContain(status["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task OverTheTiersLimit_Is413WhileStreaming_AndNothingIsKept()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync("Basic");
        using var tenant = _host.Client(key);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(new RepeatingStream((byte)'a', 50L * 1024 * 1024 + 1));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "large.txt");

        HttpStatusCode status;
        try
        {
            using var response = await tenant.PostAsync("api/app/attachment", form);
            status = response.StatusCode;
            (await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge))["code"]!.GetValue<string>().ShouldBe("Messaging:AttachmentTooLarge");
        }
        catch (HttpRequestException)
        {
            // The host may answer 413 and close the connection while the client is still sending.
            status = HttpStatusCode.RequestEntityTooLarge;
        }

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var list = await tenant.GetAsync("api/app/attachment");
        (await list.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ContentContradictingItsType_Is422_AndATypeTheTenantMayNotUpload_Is415()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        byte[] executable = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0];

        using var mismatch = await UploadAsync(tenant, "%PDF-1.4\n"u8.ToArray(), "image/png", "fake.png");
        using var refused = await UploadAsync(tenant, executable, "application/octet-stream", "tool");
        using var noFile = await tenant.PostAsync("api/app/attachment", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        using var notMultipart = await tenant.PostAsync("api/app/attachment", new StringContent("{}", Encoding.UTF8, "application/json"));

        (await mismatch.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:AttachmentTypeMismatch");
        (await refused.ProblemAsync(HttpStatusCode.UnsupportedMediaType))["code"]!.GetValue<string>().ShouldBe("Messaging:AttachmentTypeNotAllowed");
        (await noFile.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["file"].ShouldNotBeNull();
        notMultipart.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnotherTenantsAttachment_Is404_ForEveryOperation()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherKey) = await admin.CreateTenantAsync();
        using var owner = _host.Client(HostProcess.DemoTenantKey);
        using var other = _host.Client(otherKey);
        var id = await UploadAcceptedAsync(owner, "mine"u8.ToArray());

        using var get = await other.GetAsync($"api/app/attachment/{id}");
        using var link = await other.GetAsync($"api/app/attachment/{id}/download-link");
        using var delete = await other.DeleteAsync($"api/app/attachment/{id}");
        using var list = await other.GetAsync("api/app/attachment");

        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        link.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await list.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldBeEmpty();
        using var stillThere = await owner.GetAsync($"api/app/attachment/{id}");
        stillThere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ATamperedOrExpiredLink_Is403()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var id = await UploadAcceptedAsync(tenant, "secret"u8.ToArray());
        using var linkResponse = await tenant.GetAsync($"api/app/attachment/{id}/download-link?expiresInSeconds=1");
        var url = (await linkResponse.JsonAsync(HttpStatusCode.OK))["url"]!.GetValue<string>();
        var token = url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var other = await UploadAcceptedAsync(tenant, "other"u8.ToArray());
        using var anonymous = new HttpClient();

        using var tampered = await anonymous.GetAsync(url.Replace(token, (token[0] == 'A' ? "B" : "A") + token[1..], StringComparison.Ordinal));
        using var forAnother = await anonymous.GetAsync(url.Replace(id.ToString(), other.ToString(), StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var expired = await anonymous.GetAsync(url);

        tampered.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forAnother.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await expired.Content.ReadAsStringAsync()).ShouldNotContain(id.ToString("N"));
    }

    [Fact]
    public async Task ABlobThatCannotBeDeleted_StaysInItsTombstone_AndTheSweepFinishesIt()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        var id = await UploadAcceptedAsync(tenant, "to delete"u8.ToArray());
        await CompletedAsync(tenant, id);
        var blob = Path.Combine(BlobRoot, tenantId.ToString("N"), id.ToString("N"));
        File.Exists(blob).ShouldBeTrue();
        // A directory where the file was: deleting it fails however often it is tried, even as root.
        File.Delete(blob);
        Directory.CreateDirectory(blob);
        await File.WriteAllTextAsync(Path.Combine(blob, "pinned"), "x");

        using var deleted = await tenant.DeleteAsync($"api/app/attachment/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var gone = await tenant.GetAsync($"api/app/attachment/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Eventually.TrueAsync(async () => (await AuditActionsAsync(tenant, id)).Contains("BlobDeleteFailed"), TimeSpan.FromSeconds(60),
            "the blob deletion failed after its retries");
        Directory.Delete(blob, recursive: true);
        await File.WriteAllTextAsync(blob, "to delete");
        using var sweep = await admin.PostAsync("api/app/attachment-sweep", null);
        var report = await sweep.JsonAsync(HttpStatusCode.OK);

        report["tombstonesFinished"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        File.Exists(blob).ShouldBeFalse();
        (await AuditActionsAsync(tenant, id)).ShouldBe(["BlobDeleted", "BlobDeleteFailed", "DeleteRequested", "Uploaded"]);
    }

    /// <summary>Where the shared host's filesystem store keeps blobs: .data/blobs under its working folder.</summary>
    private static string BlobRoot => Path.Combine(Path.GetDirectoryName(SolutionPaths.HostDll)!, ".data", "blobs");

    private static async Task<List<string>> AuditActionsAsync(HttpClient tenant, Guid id)
    {
        using var response = await tenant.GetAsync($"api/app/attachment/audit?attachmentId={id}");
        return (await response.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
    }

    /// <summary>A long body made on the fly, never held in memory.</summary>
    private sealed class RepeatingStream(byte value, long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, read).Fill(value);
            _position += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Attachments on hosts of their own: storage down, a worker killed mid-job, and the S3-compatible store.</summary>
public class AttachmentOwnHostTests
{
    [Fact]
    public async Task StorageDown_Is503WithRetryAfter_AndNoRowIsStored()
    {
        using var database = new TestDatabase();
        var notAFolder = Path.Combine(Path.GetDirectoryName(database.File)!, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "a file where the blob root should be");
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Blobs__RootPath"] = Path.Combine(notAFolder, "blobs"),
            ["Blobs__RetryBaseDelay"] = "00:00:00.010"
        });
        using var tenant = host.Client(HostProcess.DemoTenantKey);

        using var response = await AttachmentTests.UploadAsync(tenant, "hello"u8.ToArray());

        (await response.ProblemAsync(HttpStatusCode.ServiceUnavailable))["code"]!.GetValue<string>().ShouldBe("Messaging:BlobStorageUnavailable");
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await CountAsync(database, """SELECT COUNT(*) FROM "AttJobs" """)).ShouldBe(0);
    }

    [Fact]
    public async Task AWorkerKilledMidJob_LeavesItToTheNextAfterItsLease_WhichCompletesItOnce()
    {
        using var database = new TestDatabase();
        var blobs = Path.Combine(Path.GetDirectoryName(database.File)!, "blobs");
        var settings = new Dictionary<string, string>
        {
            ["Blobs__RootPath"] = blobs,
            ["Attachment__ClaimDuration"] = "00:00:15",
            ["Attachment__ProcessingTimeout"] = "00:00:10"
        };
        var lines = string.Concat(Enumerable.Range(0, 2_500_000).Select(i => $"{i},x\n"));
        Guid id;
        await using (var first = await HostProcess.StartAsync(database.File, settings))
        {
            using var tenant = first.Client(HostProcess.DemoTenantKey);
            id = await AttachmentTests.UploadAcceptedAsync(tenant, Encoding.UTF8.GetBytes(lines), "text/csv");
            await Eventually.TrueAsync(async () => await StatusAsync(database, id) == "Processing", TimeSpan.FromSeconds(30), "a worker took the job");
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        (await StatusAsync(database, id)).ShouldBe("Processing");
        await using var second = await HostProcess.StartAsync(database.File, settings);
        await second.RaiseDemoTenantLimitsAsync();
        using var again = second.Client(HostProcess.DemoTenantKey);
        var status = await AttachmentTests.CompletedAsync(again, id, TimeSpan.FromSeconds(90));

        status["status"]!.GetValue<string>().ShouldBe("Completed");
        status["retryCount"]!.GetValue<int>().ShouldBe(0);
        status["result"]!["lines"]!.GetValue<long>().ShouldBe(2_500_000);
        (await CountAsync(database, $"""SELECT COUNT(*) FROM "EbOutbox" WHERE "EventName" = 'attachment.progress-changed' AND "Payload" LIKE '%{id}%' AND "Payload" LIKE '%"percent":100%'""")).ShouldBe(1);
    }

    [Fact]
    public async Task UploadsAreAccepted_WhileNoWorkerRuns_AndProcessedOnceOneStarts()
    {
        using var database = new TestDatabase();
        var settings = new Dictionary<string, string> { ["Blobs__RootPath"] = Path.Combine(Path.GetDirectoryName(database.File)!, "blobs") };
        await using var api = await HostProcess.StartAsync(database.File, new Dictionary<string, string>(settings) { ["role"] = "api" });
        await api.RaiseDemoTenantLimitsAsync();
        using var tenant = api.Client(HostProcess.DemoTenantKey);

        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await AttachmentTests.UploadAcceptedAsync(tenant, Encoding.UTF8.GetBytes($"upload {i}\n")));
        }

        foreach (var id in ids)
        {
            (await StatusAsync(database, id)).ShouldBe("Queued");
        }

        await using var worker = await HostProcess.StartAsync(database.File, new Dictionary<string, string>(settings) { ["role"] = "worker" });
        foreach (var id in ids)
        {
            (await AttachmentTests.CompletedAsync(tenant, id))["status"]!.GetValue<string>().ShouldBe("Completed");
        }
    }

    [Fact]
    public async Task TheS3Store_StoresProcessesPresignsAndDeletes()
    {
        var s3 = Environment.GetEnvironmentVariable("MESSAGING_TEST_S3_URL");
        if (string.IsNullOrEmpty(s3))
        {
            Environment.GetEnvironmentVariable(PostgreSqlTestDatabase.RequiredVariable).ShouldNotBe("required",
                "MESSAGING_TEST_SERVERS=required, but MESSAGING_TEST_S3_URL is not set: the S3-compatible server was not started.");
            return;
        }

        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Blobs__Provider"] = "S3",
            ["Blobs__ServiceUrl"] = s3,
            ["Blobs__Bucket"] = "attachments",
            ["Blobs__AccessKey"] = "S3RVER",
            ["Blobs__SecretKey"] = "S3RVER"
        });
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        var content = Encoding.UTF8.GetBytes(new string('x', 6 * 1024 * 1024) + "\nlast line\n");

        var id = await AttachmentTests.UploadAcceptedAsync(tenant, content);
        var status = await AttachmentTests.CompletedAsync(tenant, id);
        using var linkResponse = await tenant.GetAsync($"api/app/attachment/{id}/download-link?expiresInSeconds=120");
        var url = (await linkResponse.JsonAsync(HttpStatusCode.OK))["url"]!.GetValue<string>();
        using var anonymous = new HttpClient();
        var downloaded = await anonymous.GetByteArrayAsync(url);
        using var deleted = await tenant.DeleteAsync($"api/app/attachment/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        status["status"]!.GetValue<string>().ShouldBe("Completed");
        status["result"]!["lines"]!.GetValue<long>().ShouldBe(2);
        url.ShouldStartWith(s3);
        downloaded.ShouldBe(content);
        await Eventually.TrueAsync(async () =>
        {
            using var after = await anonymous.GetAsync(url);
            return after.StatusCode == HttpStatusCode.NotFound;
        }, TimeSpan.FromSeconds(30), "the object is deleted from the bucket");
    }

    private static async Task<string?> StatusAsync(TestDatabase database, Guid id)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Status" FROM "AttJobs" WHERE "Id" = $id""";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
