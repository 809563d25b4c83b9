using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// The document the host serves is the one committed in docs/openapi.json, from which the test build generates a client;
/// a change of the API shows as a change of that file. Set MESSAGING_UPDATE_OPENAPI=1 to write the live document there.
/// </summary>
[Collection(ContractHostCollection.Name)]
public class OpenApiDocumentTests(SharedHost shared) : IAsyncLifetime
{
    public static string CommittedPath => Path.Combine(SolutionPaths.Root, "docs", "openapi.json");

    private ContractDocument _document = null!;

    public async Task InitializeAsync()
    {
        using var anonymous = shared.Host.Client();
        _document = await ContractDocument.LoadAsync(anonymous);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task LiveDocument_IsTheCommittedOne()
    {
        var live = _document.Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("MESSAGING_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, live);
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath));

        JsonNode.DeepEquals(committed, _document.Root).ShouldBeTrue(
            "The API changed: run the contract tests with MESSAGING_UPDATE_OPENAPI=1 to refresh docs/openapi.json, and review the difference.");
    }

    [Fact]
    public void EveryEnum_IsDescribedByItsNames()
    {
        foreach (var (name, schema) in _document.Root["components"]!["schemas"]!.AsObject())
        {
            if (schema!["enum"] is JsonArray names)
            {
                schema["type"]!.GetValue<string>().ShouldBe("string", name);
                names.ShouldAllBe(value => value != null && value.GetValueKind() == JsonValueKind.String, name);
            }

            schema.ToJsonString().ShouldNotContain("\"integer\",\"string\"", customMessage: $"{name}: numbers travel as numbers");
        }
    }

    [Fact]
    public void EveryOperation_NeedingACaller_TakesAKeyOrAToken_AndDeclares401()
    {
        foreach (var operation in _document.Operations.Where(operation => operation.Definition["security"] is not null))
        {
            operation.Response(401).ShouldNotBeNull(operation.Key);
            operation.Response(403).ShouldNotBeNull(operation.Key);
            operation.Definition["security"]!.AsArray().Select(requirement => requirement!.AsObject().Single().Key)
                .ShouldBe(["ApiKey", "OAuth2"], operation.Key);
        }

        // Receipts, inbound webhooks and downloads prove themselves by their signature, the cron call by its secret, a
        // browser's subscription by its token.
        _document.Operations.Where(operation => operation.Definition["security"] is null).Select(operation => operation.Key).ShouldBe(
            ["POST /api/app/email-webhook/{workerId}", "POST /api/app/message-receipt/{provider}", "GET /api/app/attachment/download/{id}",
                "POST /api/app/cron/cleanup-delayed-messages", "GET /api/app/channel/{id}/events"],
            ignoreOrder: true);
        var schemes = _document.Root["components"]!["securitySchemes"]!;
        schemes["ApiKey"]!["name"]!.GetValue<string>().ShouldBe("X-Api-Key");
        schemes["OAuth2"]!["flows"]!["authorizationCode"]!["tokenUrl"]!.GetValue<string>().ShouldBe("/connect/token");
    }

    [Fact]
    public void Sends_DeclareTheirIdempotencyKeyHeader()
    {
        var send = _document.Operations.Single(operation => operation.Key == "POST /api/app/message/send-one-way-message");

        send.Parameters.ShouldContain(parameter => parameter["name"]!.GetValue<string>() == "Idempotency-Key"
            && parameter["in"]!.GetValue<string>() == "header");
    }

    [Fact]
    public void TheValidator_RefusesWhatTheSchemasForbid()
    {
        var accepted = new JsonObject { ["$ref"] = "#/components/schemas/MessageAcceptedDto" };
        var problem = new JsonObject { ["$ref"] = "#/components/schemas/ProblemDetails" };

        Validate(accepted, """{"trackingId":"01a2037c-70b9-785d-9da9-f1f5f1aabc91","status":"Accepted","acceptedAt":"2026-11-22T13:40:16.69748Z"}""").ShouldBeEmpty();
        Validate(accepted, """{"trackingId":"not-a-uuid","status":"Accepted","acceptedAt":"2026-11-22T13:40:16Z"}""").ShouldNotBeEmpty();
        Validate(accepted, """{"trackingId":"01a2037c-70b9-785d-9da9-f1f5f1aabc91","status":0,"acceptedAt":"2026-11-22T13:40:16Z"}""").ShouldNotBeEmpty();
        Validate(accepted, """{"trackingId":"01a2037c-70b9-785d-9da9-f1f5f1aabc91","status":"Accepted"}""").ShouldNotBeEmpty();
        Validate(problem, """{"status":400,"title":"Bad request"}""").ShouldNotBeEmpty();
    }

    private IReadOnlyList<string> Validate(JsonNode schema, string json)
    {
        using var instance = JsonDocument.Parse(json);
        return _document.Validate(schema, instance.RootElement);
    }
}
