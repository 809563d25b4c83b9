using Messaging.Http;

namespace Messaging.Authentication;

public static class UnknownRoutes
{
    /// <summary>
    /// A path no endpoint serves is 404 for everyone: without this endpoint the fallback authorization policy would
    /// answer anonymous callers 401 for it instead. Outside the server's own paths a browser gets the admin UI's page
    /// instead, when the UI was built, so that the UI's routes work on a reload.
    /// </summary>
    public static WebApplication MapUnknownRoutesToNotFound(this WebApplication app)
    {
        app.MapFallback(context =>
        {
            if (AdminUiHosting.PageFor(context.Request, app.Environment) is { } page)
            {
                return AdminUiHosting.SendPageAsync(context, page);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}
