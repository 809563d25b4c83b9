using System.Net;
using Microsoft.AspNetCore.Antiforgery;

namespace Messaging.Identity;

/// <summary>
/// The server-rendered account pages (sign-in, forgotten password): one antiforgery-protected form, never cached, never
/// framed, every value HTML-encoded.
/// </summary>
public static class AccountPage
{
    /// <param name="fields">The form's inputs (built with <see cref="Encode"/>); empty for a page without a form.</param>
    public static IResult Render(HttpContext context, IAntiforgery antiforgery, string title, string? message, int status, string action,
        string fields, string footer)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var form = fields.Length == 0 ? "" : $"""
            <form method="post" action="{action}">
            <input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken)}">
            {fields}
            </form>
            """;
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{Encode(title)} - Messaging</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body>
            <main>
            <h1>{Encode(title)}</h1>
            {(message is null ? "" : $"<p role=\"alert\">{Encode(message)}</p>")}
            {form}
            {footer}
            </main>
            </body>
            </html>
            """;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Frame-Options"] = "DENY";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
