using System.Net;

namespace Messaging;

/// <summary>A problem answer (RFC 7807) from the Messaging API, with its fields kept for the caller to act on.</summary>
public sealed class MessagingApiException(
    HttpStatusCode statusCode,
    string? title,
    string? detail,
    string? code,
    IReadOnlyDictionary<string, string[]> errors)
    : Exception($"{(int)statusCode} {title}: {detail}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public string? Code { get; } = code;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
