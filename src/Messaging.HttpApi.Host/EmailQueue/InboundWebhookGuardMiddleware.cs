using Messaging.Authentication;
using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue;

/// <summary>
/// Inbound webhooks are anonymous, so a request naming an unknown worker or carrying a signature that does not verify
/// counts as a failed authentication of its client address, as an unknown API key does (the same limiter, shared
/// through Redis): guessing worker ids or secrets costs the guesser, not the database. A client over the limit is
/// refused with 429 before its request is read; its routing workers' valid webhooks come from other addresses.
/// </summary>
public sealed class InboundWebhookGuardMiddleware(RequestDelegate next, FailedAuthenticationLimiter failedAttempts)
{
    public const string Path = "/api/app/email-webhook";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments(Path))
        {
            await next(context);
            return;
        }

        var client = context.Connection.RemoteIpAddress;
        if (failedAttempts.RetryAfter(client) is { } stillRefused)
        {
            throw Throttled(stillRefused);
        }

        try
        {
            await next(context);
        }
        catch (MessagingException refused) when (refused is UnauthorizedException or EntityNotFoundException)
        {
            if (await failedAttempts.RecordFailureAsync(client, context.RequestAborted) is { } retryAfter)
            {
                throw Throttled(retryAfter);
            }

            throw;
        }
    }

    private static TooManyRequestsException Throttled(TimeSpan retryAfter) =>
        new(MessagingErrorCodes.TooManyFailedAuthentications,
            "Too many webhooks from this address named an unknown worker or did not verify; wait before trying again.", retryAfter);
}
