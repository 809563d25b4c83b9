using System.Text.Encodings.Web;
using Fluid;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Templates;

/// <summary>One rendered email: the subject, its HTML and its plain text.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);

/// <summary>A template checked and parsed once, ready to render any payload of its event type.</summary>
public sealed class ParsedEmailTemplate(EmailEventType type, IFluidTemplate subject, IFluidTemplate html, IFluidTemplate text)
{
    public EmailEventType Type { get; } = type;

    internal IFluidTemplate Subject { get; } = subject;

    internal IFluidTemplate Html { get; } = html;

    internal IFluidTemplate Text { get; } = text;
}

/// <summary>
/// Parses, checks and renders email templates with Fluid. Checking refuses what would fail or render blanks at send
/// time: a part that does not parse, or a variable the event type's payload does not carry. Rendering is bounded in
/// steps and output, so a tenant's loop cannot hold a worker.
/// </summary>
public sealed class EmailTemplateEngine
{
    private const int MaxSteps = 100_000;
    private const int MaxOutputSize = 1_000_000;

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();

    /// <summary>Parses and checks all three parts.</summary>
    /// <exception cref="UnprocessableRequestException">A part does not parse, or names a variable the payload does not carry.</exception>
    public static ParsedEmailTemplate Parse(EmailEventType type, EmailTemplateContent content)
    {
        var subject = ParsePart(EmailTemplatePart.Subject, content.Subject);
        var html = ParsePart(EmailTemplatePart.Html, content.Html);
        var text = ParsePart(EmailTemplatePart.Text, content.Text);
        var contract = EmailPayloadContract.Of(type);
        var unknown = new[] { (EmailTemplatePart.Subject, subject), (EmailTemplatePart.Html, html), (EmailTemplatePart.Text, text) }
            .SelectMany(part => TemplateVariables.Unknown(part.Item2, contract).Select(name => $"{Name(part.Item1)}: {name}"))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new UnprocessableRequestException(EmailQueueErrorCodes.TemplateUnknownVariables,
                $"The payload of {type} does not carry these variables: {string.Join(", ", unknown)}.");
        }

        return new ParsedEmailTemplate(type, subject, html, text);
    }

    public static async ValueTask<RenderedEmail> RenderAsync(ParsedEmailTemplate template, EmailPayload payload)
    {
        if (payload.Type != template.Type)
        {
            throw new ArgumentException($"A {payload.Type} payload cannot render a {template.Type} template.", nameof(payload));
        }

        var values = EmailPayloadContract.ValuesOf(payload);
        var subject = await RenderPartAsync(template.Subject, values, NullEncoder.Default);
        return new RenderedEmail(
            OneLine(subject),
            await RenderPartAsync(template.Html, values, HtmlEncoder.Default),
            await RenderPartAsync(template.Text, values, NullEncoder.Default));
    }

    private static IFluidTemplate ParsePart(EmailTemplatePart part, string source)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new UnprocessableRequestException(EmailQueueErrorCodes.TemplateSyntax, $"The {Name(part)} part is not valid Liquid: {error}");
        }

        return template;
    }

    private static async ValueTask<string> RenderPartAsync(IFluidTemplate template, IReadOnlyDictionary<string, object?> values, TextEncoder encoder)
    {
        var context = new TemplateContext(Options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value!);
        }

        return await template.RenderAsync(context, encoder);
    }

    // A header holds one line; a line break a payload value brought in would start another header.
    private static string OneLine(string subject) => string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Name(EmailTemplatePart part) => part.ToString().ToLowerInvariant();

    private static TemplateOptions CreateOptions() =>
        new TemplateOptionsBuilder()
            .WithMaxSteps(MaxSteps)
            .WithMaxOutputSize(MaxOutputSize)
            .WithTimeZone(TimeZoneInfo.Utc)
            .WithCultureInfo(System.Globalization.CultureInfo.InvariantCulture)
            .Build();
}
