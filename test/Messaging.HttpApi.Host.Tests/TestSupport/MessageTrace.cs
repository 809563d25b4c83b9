using System.Net;
using System.Net.Http.Json;
using Messaging.ProviderEmulator;

namespace Messaging.TestSupport;

/// <summary>
/// The exported spans of one message, found from its dispatch (tagged with its tracking id) up through the parents:
/// the request, the accept, the relay's publish, the consume, the dispatch and the provider's HTTP call; and the
/// group-commit batch that committed it, linked both ways.
/// </summary>
public sealed record MessageTrace(
    Guid TenantId,
    Guid TrackingId,
    OtlpSpan Request,
    OtlpSpan Accept,
    OtlpSpan Commit,
    OtlpSpan Publish,
    OtlpSpan Consume,
    OtlpSpan Dispatch,
    OtlpSpan ProviderCall)
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "emulator-auth-token";

    public static EmulatorOptions ProviderEmulatorOptions => new() { SmsAccountSid = AccountSid, SmsAuthToken = AuthToken };

    public static Dictionary<string, string> HostSettings(OtlpCollector collector, Dictionary<string, string>? more = null)
    {
        var settings = collector.HostSettings();
        settings["Delivery__AllowPrivateNetworks"] = "true";
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Sends one SMS as a new tenant whose provider is the emulator, and waits until its whole trace was exported.</summary>
    public static async Task<MessageTrace> SendAndFollowAsync(HostProcess host, EmulatorServer emulator, OtlpCollector collector)
    {
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync();
        using var tenant = host.Client(apiKey);
        using (var configured = await tenant.PutAsJsonAsync("api/app/message-provider/configurations/Sms", new
        {
            provider = "sms",
            baseUrl = emulator.BaseAddress.ToString(),
            senderId = "+14155550100",
            credential = $"{AccountSid}:{AuthToken}"
        }))
        {
            await configured.JsonAsync(HttpStatusCode.OK);
        }

        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("traced"));
        MessageTrace? trace = null;
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult((trace = TryFind(collector.Spans, tenantId, trackingId)) is not null),
                TimeSpan.FromSeconds(30), "the message's spans are exported, from its request to its provider call");
        }
        catch (TimeoutException timeout)
        {
            var received = string.Join("\n", collector.Spans.Select(s => $"{s.TraceId} {s.SpanId} <- {s.ParentSpanId} {s.Kind} {s.Scope} '{s.Name}'"));
            throw new TimeoutException($"{timeout.Message}\nSpans received:\n{received}", timeout);
        }

        return trace!;
    }

    private static MessageTrace? TryFind(IReadOnlyList<OtlpSpan> spans, Guid tenantId, Guid trackingId)
    {
        var byId = spans.GroupBy(span => span.SpanId).ToDictionary(group => group.Key, group => group.First());
        var dispatch = spans.FirstOrDefault(span => span.Name == "dispatch message" && span["messaging.tracking_id"] == trackingId.ToString());
        var providerCall = dispatch is null ? null : spans.FirstOrDefault(span => span.ParentSpanId == dispatch.SpanId && span.Kind == OtlpSpanKind.Client);
        var consume = dispatch is null ? null : byId.GetValueOrDefault(dispatch.ParentSpanId);
        var publish = consume is null ? null : byId.GetValueOrDefault(consume.ParentSpanId);
        var accept = publish is null ? null : byId.GetValueOrDefault(publish.ParentSpanId);
        var request = accept is null ? null : byId.GetValueOrDefault(accept.ParentSpanId);
        var commit = accept is null ? null : spans.FirstOrDefault(span => span.LinkedSpanIds.Contains(accept.SpanId));
        return providerCall is null || request is null || commit is null
            ? null
            : new MessageTrace(tenantId, trackingId, request, accept!, commit, publish!, consume!, dispatch!, providerCall);
    }

    /// <summary>Every step is where it belongs, in one trace, with the message's tenant and tracking id.</summary>
    public void ShouldBeOneChain(string messagingSystem, Uri provider)
    {
        var tenant = TenantId.ToString();
        var tracking = TrackingId.ToString();
        new[] { Accept, Publish, Consume, Dispatch, ProviderCall }.ShouldAllBe(span => span.TraceId == Request.TraceId, "one trace from request to provider call");

        Request.Kind.ShouldBe(OtlpSpanKind.Server);
        Request.Scope.ShouldBe("Microsoft.AspNetCore");
        Request["url.path"].ShouldBe("/" + Api.SendPath);

        Accept.Scope.ShouldBe("Messaging.Messages");
        Accept.Name.ShouldBe("accept message");
        Accept["messaging.tenant_id"].ShouldBe(tenant);
        Accept["messaging.tracking_id"].ShouldBe(tracking);
        Accept["messaging.channel"].ShouldBe("Sms");

        Commit.Name.ShouldBe("commit message batch");
        Commit.TraceId.ShouldNotBe(Request.TraceId, "a batch of many messages is a trace of its own, linked, not a fake parent");
        Accept.LinkedSpanIds.ShouldContain(Commit.SpanId, "the accept span links to the batch that committed it");

        Publish.Scope.ShouldBe("Messaging.EventBus");
        Publish.Name.ShouldBe("publish messages.message-accepted");
        Publish.Kind.ShouldBe(OtlpSpanKind.Producer);
        Publish["messaging.system"].ShouldBe(messagingSystem);
        Publish["messaging.tenant_id"].ShouldBe(tenant);

        Consume.Scope.ShouldBe("Messaging.EventBus");
        Consume.Name.ShouldBe("handle messages.message-accepted");
        Consume.Kind.ShouldBe(OtlpSpanKind.Consumer);
        Consume["messaging.tenant_id"].ShouldBe(tenant);
        Consume["messaging.tracking_id"].ShouldBe(tracking);

        Dispatch.Scope.ShouldBe("Messaging.Messages");
        Dispatch["messaging.tenant_id"].ShouldBe(tenant);
        Dispatch["messaging.channel"].ShouldBe("Sms");
        Dispatch["messaging.provider"].ShouldBe("sms");
        Dispatch["messaging.outcome"].ShouldBe("Sent");
        Dispatch.Events.ShouldBe(new[] { "sending recorded", "outcome recorded" });

        ProviderCall["url.full"].ShouldNotBeNull().ShouldStartWith(provider.GetLeftPart(UriPartial.Authority));
    }
}
