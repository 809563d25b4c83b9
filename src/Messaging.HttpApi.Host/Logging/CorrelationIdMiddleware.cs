using System.Diagnostics;
using Messaging.Tracing;

namespace Messaging.Logging;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when it is sane, else the trace id),
/// echoes it in the response and puts it in the scope of every log line the request writes.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    public const string ItemKey = "CorrelationId";
    private const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = FromCaller(context.Request.Headers[HeaderName].ToString())
            ?? Activity.Current?.TraceId.ToString()
            ?? context.TraceIdentifier;
        context.Items[ItemKey] = correlationId;
        // Set when the answer starts: the exception handler clears headers set earlier.
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        }, (context.Response, correlationId));
        using var scope = logger.BeginScope("CorrelationId:{CorrelationId}", correlationId);
        using var flow = CorrelationContext.Use(correlationId);
        await next(context);
    }

    private static string? FromCaller(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? value : null;
}
