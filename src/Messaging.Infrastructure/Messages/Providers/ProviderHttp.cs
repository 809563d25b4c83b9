using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Microsoft.Extensions.Logging;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>A provider's answer, read within bounds: status, at most <see cref="ProviderHttp.MaxResponseBytes"/> of body, and its Retry-After.</summary>
public sealed record ProviderResponse(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// One attempt at a provider over HTTP, the same way for every sender: what HttpClient throws becomes a Transient result
/// (the address could not be reached, or it did not answer in time) or, for an address the SSRF guard refuses, a
/// Permanent one; only the caller's cancellation is thrown.
/// </summary>
public static partial class ProviderHttp
{
    /// <summary>Enough for any provider's answer; a receiver that answers more is not read further (tenant-supplied addresses).</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>Provider error texts are kept short: they become a message's status reason.</summary>
    public const int MaxErrorLength = 300;

    public static async Task<SendResult> SendAsync(HttpClient client, HttpRequestMessage request, Func<ProviderResponse, SendResult> classify,
        TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await ReadBoundedAsync(response.Content, cancellationToken);
            return classify(new ProviderResponse(response.StatusCode, body, response.Headers, RetryAfterOf(response.Headers, clock)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return SendResult.Transient("timeout", "The provider did not answer in time.");
        }
        catch (HttpRequestException exception) when (AddressNotAllowedException.IsCauseOf(exception))
        {
            // The tenant hears what it would for an address that does not answer: whether the guard refused it (a name
            // that leads into our network, a port we do not call) is for the operator's log, not a way to map our network.
            LogRefused(logger, request.RequestUri?.GetLeftPart(UriPartial.Authority), Innermost<AddressNotAllowedException>(exception)!.Message);
            return Unreachable();
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError
                                                         or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            LogUnreachable(logger, request.RequestUri?.GetLeftPart(UriPartial.Authority), exception.HttpRequestError);
            return Unreachable();
        }
        catch (HttpRequestException exception)
        {
            return SendResult.Transient("network", $"The provider could not be reached ({exception.HttpRequestError}).");
        }
        catch (Exception exception)
        {
            // The port promises no throws but cancellation; an unforeseen failure is logged and retried like an outage.
            LogUnexpected(logger, exception, request.RequestUri?.GetLeftPart(UriPartial.Authority));
            return SendResult.Transient("unexpected", $"Sending failed unexpectedly ({exception.GetType().Name}).");
        }
    }

    /// <summary>The one answer for an address that was refused, did not resolve, or did not accept a connection.</summary>
    public static SendResult Unreachable() => SendResult.Transient(UnreachableCode, "The provider's address could not be reached.");

    public const string UnreachableCode = "unreachable";

    private static T? Innermost<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, TimeProvider clock)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static string Shorten(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(no details)";
        }

        var singleLine = text.ReplaceLineEndings(" ").Trim();
        return singleLine.Length <= MaxErrorLength ? singleLine : singleLine[..MaxErrorLength] + "…";
    }

    public static string StatusCode(ProviderResponse response) => $"http-{(int)response.Status}";

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SSRF guard refused a send to {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? address, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not connect to {Address} ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string? address, HttpRequestError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unexpected failure sending to {Address}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string? address);
}
