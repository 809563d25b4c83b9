using System.Globalization;
using Messaging.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Messaging.ExceptionHandling;

/// <summary>Turns every failure into an RFC 7807 answer: expected ones with their own status, the rest as a logged 500.</summary>
public sealed partial class MessagingExceptionHandler(IProblemDetailsService problemDetails, ILogger<MessagingExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = ProblemFor(exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        if (RetryAfterOf(exception) is { } retryAfter)
        {
            httpContext.Response.Headers.RetryAfter = RateLimitHeaders.WholeSeconds(retryAfter, atLeast: 1).ToString(CultureInfo.InvariantCulture);
        }

        if (exception is RateLimitExceededException limited)
        {
            RateLimitHeaders.Write(httpContext.Response.Headers, limited.Limit, 0, limited.RetryAfter);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception
        });
    }

    private static ProblemDetails ProblemFor(Exception exception)
    {
        if (IsStorageOutage(exception))
        {
            exception = new ServiceUnavailableException(MessagingErrorCodes.StorageUnavailable,
                "The database is unavailable; nothing was changed. Try again shortly.", StorageRetryAfter, exception);
        }

        var problem = exception switch
        {
            InputValidationException invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = invalid.Message
            },
            SettingsValidationException invalidSettings => new ValidationProblemDetails(invalidSettings.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = invalidSettings.Message
            },
            EntityNotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
            UnauthorizedException => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", exception.Message),
            ForbiddenException => Problem(StatusCodes.Status403Forbidden, "Forbidden", exception.Message),
            ConflictException or ConcurrencyConflictException or StateConflictException => Problem(StatusCodes.Status409Conflict, "Conflict", exception.Message),
            UnprocessableRequestException => Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", exception.Message),
            PayloadTooLargeException => Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", exception.Message),
            UnsupportedMediaTypeException => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", exception.Message),
            TooManyRequestsException => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", exception.Message),
            RateLimitExceededException limited => Problem(StatusCodes.Status429TooManyRequests, "Rate limit exceeded", limited.Message),
            ServiceUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", exception.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Payload too large" : "Bad request", bad.Message),
            _ => Problem(StatusCodes.Status500InternalServerError, "Internal error", "An unexpected error occurred; it was logged with this trace id.")
        };

        if (exception is MessagingException messaging)
        {
            problem.Extensions["code"] = messaging.Code;
            foreach (var (name, value) in messaging.ProblemExtensions)
            {
                problem.Extensions[name] = value;
            }
        }

        if (exception is RateLimitExceededException rateLimit)
        {
            problem.Extensions["limit"] = rateLimit.Kind.ToString().ToLowerInvariant();
        }

        return problem;
    }

    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A database that cannot be reached is the service being unavailable, not a bug: 503, not 500.</summary>
    private static bool IsStorageOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? RetryAfterOf(Exception exception) => IsStorageOutage(exception) ? StorageRetryAfter : exception switch
    {
        TooManyRequestsException tooMany => tooMany.RetryAfter,
        RateLimitExceededException limited => limited.RetryAfter,
        ServiceUnavailableException unavailable => unavailable.RetryAfter,
        _ => null
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
