using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging;

internal static class ProblemReader
{
    public static async Task<MessagingApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemBody? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say); the status code still tells the story.
        }

        return new MessagingApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail, problem?.Code,
            problem?.Errors ?? new Dictionary<string, string[]>());
    }

    private sealed record ProblemBody(string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors);
}
