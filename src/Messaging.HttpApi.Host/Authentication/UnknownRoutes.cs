namespace Messaging.Authentication;

public static class UnknownRoutes
{
    /// <summary>
    /// A path no endpoint serves is 404 for everyone: without this endpoint the fallback authorization policy would
    /// answer anonymous callers 401 for it instead.
    /// </summary>
    public static WebApplication MapUnknownRoutesToNotFound(this WebApplication app)
    {
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }
}
