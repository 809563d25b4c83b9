using System.Collections.Frozen;
using System.Text.Json;
using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue.Templates;

/// <summary>Renders an event's payload with the template its tenant sends that event type with, and counts each render.</summary>
public sealed class EmailRenderer(EmailQueueMetrics metrics)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<EmailEventType, ParsedEmailTemplate> Defaults =
        Enum.GetValues<EmailEventType>().ToFrozenDictionary(type => type, type => EmailTemplateEngine.Parse(type, DefaultEmailTemplates.For(type)));

    public static ParsedEmailTemplate DefaultOf(EmailEventType type) => Defaults[type];

    public static EmailPayload ReadPayload(EmailEventType type, string payloadJson) =>
        (EmailPayload)JsonSerializer.Deserialize(payloadJson, EmailPayload.ContractOf(type), PayloadJson)!;

    public async ValueTask<RenderedEmail> RenderAsync(EmailEventType type, string payloadJson)
    {
        var rendered = await EmailTemplateEngine.RenderAsync(DefaultOf(type), ReadPayload(type, payloadJson));
        metrics.Rendered(type, EmailTemplateSource.Default);
        return rendered;
    }
}
