using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Messaging.Caching;
using Messaging.EmailQueue.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue.Templates;

/// <summary>
/// The stored version a tenant's emails of one type render with. Immutable, so the cache hands out this instance and
/// its template is parsed once per cached entry, not per email; lazily, so a template past the render's bounds still
/// fails inside the render, where delivery dead-letters the event.
/// </summary>
[ImmutableObject(true)]
public sealed record ActiveEmailTemplate(EmailEventType Type, int Number, string Subject, string Text, string? Html)
{
    private ParsedEmailTemplate? _parsed;

    public EmailTemplateContent Content => new(Subject, Html ?? "", Text);

    [JsonIgnore]
    public ParsedEmailTemplate Parsed => _parsed ??= EmailTemplateEngine.Parse(Type, Content);
}

/// <summary>A cache entry: the tenant's active version, or none (the shipped default), so a tenant without one is not read each time.</summary>
[ImmutableObject(true)]
public sealed record CachedEmailTemplate(ActiveEmailTemplate? Active);

/// <summary>
/// Renders an event's payload with the template its tenant sends that event type with (its active version, else the
/// shipped default), and counts each render. Which one that is is cached per tenant and type in the <see cref="TenantCache"/>;
/// a change removes the entry on every instance (<see cref="ForgetAsync"/>).
/// </summary>
public sealed class EmailRenderer(EmailQueueMetrics metrics, TenantCache cache, IServiceScopeFactory scopeFactory)
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static readonly FrozenDictionary<EmailEventType, ParsedEmailTemplate> Defaults =
        Enum.GetValues<EmailEventType>().ToFrozenDictionary(type => type, type => EmailTemplateEngine.Parse(type, DefaultEmailTemplates.For(type)));

    public static ParsedEmailTemplate DefaultOf(EmailEventType type) => Defaults[type];

    /// <summary>
    /// Reads a stored payload and checks it against its contract again: it was checked when published, but a row written
    /// by an older version or edited by hand must fail here, with the fields named, rather than be sent with blanks.
    /// </summary>
    public static EmailPayload ReadPayload(EmailEventType type, string payloadJson)
    {
        var payload = JsonSerializer.Deserialize(payloadJson, EmailPayload.ContractOf(type), PayloadJson) as EmailPayload
            ?? throw new InvalidDataException($"The stored {type} payload is empty.");
        var errors = payload.Validate();
        return errors.Count == 0
            ? payload
            : throw new InvalidDataException($"The stored {type} payload breaks its contract: {EmailPayloadErrors.Describe(errors)}");
    }

    /// <summary>Versioned with the entry's shape: an instance of the next version never reads an entry an older one wrote to the shared cache.</summary>
    public static string CacheKey(EmailEventType type) => "email-template.v2:" + type;

    /// <summary>The current tenant's active version of the type, or null for the shipped default.</summary>
    public async ValueTask<ActiveEmailTemplate?> ActiveAsync(EmailEventType type, CancellationToken cancellationToken = default)
    {
        var cached = await cache.GetOrCreateAsync(CacheKey(type), async token =>
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var version = await scope.ServiceProvider.GetRequiredService<IEmailTemplateRepository>().FindActiveVersionAsync(type, token);
            return new CachedEmailTemplate(version is null ? null : new ActiveEmailTemplate(type, version.Number, version.Subject, version.Text, version.Html));
        }, CacheDuration, cancellationToken);
        return cached.Active;
    }

    /// <summary>Renders with the template (parsed once per cached version; checked when it was saved); a failure here is the template's, not the server's.</summary>
    public async ValueTask<RenderedEmail> RenderAsync(EmailEventType type, ActiveEmailTemplate? active, string payloadJson)
    {
        var template = active?.Parsed ?? DefaultOf(type);
        var rendered = await EmailTemplateEngine.RenderAsync(template, ReadPayload(type, payloadJson));
        metrics.Rendered(type, active is null ? EmailTemplateSource.Default : EmailTemplateSource.Custom);
        return rendered;
    }

    /// <summary>After a change of the current tenant's template: every instance reads it again.</summary>
    public Task ForgetAsync(EmailEventType type, CancellationToken cancellationToken = default) =>
        cache.RemoveEverywhereAsync(CacheKey(type), cancellationToken);
}
