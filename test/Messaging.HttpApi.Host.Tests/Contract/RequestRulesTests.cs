using System.Net;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// The rules every request follows, checked on every operation of the live document rather than on chosen ones: each
/// enum takes only its names, no text takes U+0000 or an unpaired surrogate, each required member is required. Each
/// refusal is a 400 problem naming the field, as the document declares it; nothing is stored.
/// </summary>
[Collection(ContractHostCollection.Name)]
public class RequestRulesTests(SharedHost shared) : IAsyncLifetime
{
    private readonly OperationCases _cases = new(shared);
    private ContractDocument _document = null!;
    private RequestProbes _probes = null!;

    public async Task InitializeAsync()
    {
        using var anonymous = shared.Host.Client();
        _document = await ContractDocument.LoadAsync(anonymous);
        _probes = new RequestProbes(_document);
        await _cases.InitializeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryEnum_OfEveryRequest_TakesOnlyItsNames()
    {
        var probed = await RefusedAsync(_probes.Enums);

        // The walk itself is checked: it must find the enums we know of (and finds those added later by itself).
        probed.ShouldContain("POST /api/app/message/send-one-way-message channel");
        probed.ShouldContain("POST /api/app/message/send-one-way-message priority");
        probed.ShouldContain("POST /api/app/tenant tier");
        probed.ShouldContain("PUT /api/app/tenant/{id} tier");
        probed.ShouldContain("PUT /api/app/message-provider/configurations/{channel} channel");
    }

    [Fact]
    public async Task EveryText_OfEveryRequest_RefusesNulAndUnpairedSurrogates()
    {
        var probed = await RefusedAsync(_probes.Texts);

        probed.ShouldContain("POST /api/app/message/send-one-way-message content");
        probed.ShouldContain("POST /api/app/message/send-one-way-message metadata");
        probed.ShouldContain("POST /api/app/tenant name");
        probed.ShouldContain("POST /api/app/api-key name");
        probed.ShouldContain("PUT /api/app/settings/high-throughput settings");
        probed.ShouldContain("POST /api/app/message-provider/circuits/{provider}/{tenantId}/force-open provider");
    }

    [Fact]
    public async Task EveryRequiredMember_LeftOut_IsNamedInA400()
    {
        var probed = await RefusedAsync(_probes.RequiredMembers);

        probed.ShouldContain("POST /api/app/message/send-one-way-message recipient");
        probed.ShouldContain("POST /api/app/tenant tier");
    }

    [Fact]
    public async Task RefusedSends_StoreNothing()
    {
        var before = (await shared.Database.StoredMessageIdsAsync()).Count;
        var send = _document.Operations.Single(operation => operation.Key == "POST " + "/" + Api.SendPath);

        await RefusedAsync(operation => operation == send ? _probes.Enums(operation).Concat(_probes.Texts(operation)) : []);

        (await shared.Database.StoredMessageIdsAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task UnknownMembers_AreIgnored()
    {
        var send = _cases.Send();
        var body = send.Body!.DeepClone().AsObject();
        body["notAMember"] = new JsonObject { ["anything"] = 1 };

        var answer = await (send with { Body = body }).SendAsync(shared.Host);

        answer.Status.ShouldBe(HttpStatusCode.Accepted, answer.Body);
    }

    /// <summary>Sends every probe of every operation; each must be a declared 400 problem naming its field. Returns "operation field" of each.</summary>
    private async Task<HashSet<string>> RefusedAsync(Func<Operation, IEnumerable<RequestProbe>> probesOf)
    {
        var failures = new List<string>();
        var probed = new HashSet<string>();
        foreach (var operation in _document.Operations.Where(operation => _cases.All.ContainsKey(operation.Key)))
        {
            var probes = probesOf(operation).ToList();
            if (probes.Count == 0)
            {
                continue;
            }

            var valid = await _cases.All[operation.Key].Valid();
            foreach (var probe in probes)
            {
                probed.Add($"{operation.Key} {probe.Field}");
                var answer = await probe.Apply(valid).SendAsync(shared.Host);
                if (Failure(probe, answer) is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }

        failures.ShouldBeEmpty();
        return probed;
    }

    private string? Failure(RequestProbe probe, ApiAnswer answer)
    {
        if (answer.Status != HttpStatusCode.BadRequest)
        {
            return $"{probe}: expected 400, got {answer}";
        }

        if (probe.InPath && answer.Body.Length == 0)
        {
            // Kestrel refuses U+0000 in a path before any code of ours runs, with an empty 400: nothing reaches the API.
            return null;
        }

        try
        {
            answer.ShouldHoldTo(_document, probe.Operation);
        }
        catch (ShouldAssertException mismatch)
        {
            return $"{probe}: {mismatch.Message}";
        }

        var fields = answer.Json["errors"]?.AsObject().Select(error => error.Key).ToList() ?? [];
        return fields.Any(field => field == probe.Field || field.StartsWith(probe.Field + ".", StringComparison.Ordinal)
                || field.StartsWith(probe.Field + "[", StringComparison.Ordinal))
            ? null
            : $"{probe}: the problem names {string.Join(", ", fields)}, not {probe.Field}: {answer.Body}";
    }
}
