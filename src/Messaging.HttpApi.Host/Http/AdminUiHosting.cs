using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Messaging.Http;

/// <summary>
/// The admin UI (angular/), which the project's build copies into wwwroot: its files, and its page for every other
/// browser path so that the UI's own routes survive a reload. The server's own paths never get the page: an unknown
/// one answers 404 as before, and a host built without the UI answers 404 everywhere else too.
/// </summary>
public static class AdminUiHosting
{
    public const string IndexFile = "index.html";

    /// <summary>Paths the server owns (API, sign-in, operations); the UI's routes are all outside them.</summary>
    public static readonly IReadOnlyList<PathString> ServerPaths =
    [
        "/api", "/connect", "/account", "/health", "/metrics", "/scalar", "/openapi", "/hangfire", "/.well-known"
    ];

    // Angular Material sets styles inline; scripts come from the host only, and nothing frames the UI.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static WebApplication UseAdminUi(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                if (context.File.Name == IndexFile)
                {
                    SetPageHeaders(context.Context.Response);
                }
            }
        });
        return app;
    }

    /// <summary>The UI's page for a browser path outside <see cref="ServerPaths"/>, when the UI was built; otherwise null.</summary>
    public static IFileInfo? PageFor(HttpRequest request, IWebHostEnvironment environment)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        if (ServerPaths.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // A missing file (a script, an image) is a 404, not the page.
        if (Path.HasExtension(request.Path.Value))
        {
            return null;
        }

        var index = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        return index.Exists ? index : null;
    }

    public static async Task SendPageAsync(HttpContext context, IFileInfo page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        SetPageHeaders(context.Response);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = page.Length;
            return;
        }

        await context.Response.SendFileAsync(page, context.RequestAborted);
    }

    private static void SetPageHeaders(HttpResponse response)
    {
        // The page names the current bundles; it must never be served from a cache after a deployment.
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
    }
}
