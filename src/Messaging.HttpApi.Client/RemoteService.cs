using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Messaging.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Messaging;

/// <summary>Whether a call may be sent again after a failure whose outcome the client cannot know.</summary>
internal enum Retry
{
    /// <summary>Reads, and writes whose repetition changes nothing (an idempotency key, a cancel, a purge by id): retried on network failures, 408, 429 and 5xx.</summary>
    Safe,

    /// <summary>Writes that must not run twice: retried only on 429, which the rate limiter answers before any work.</summary>
    OnlyWhenRefused
}

/// <summary>
/// What every typed client shares: the host's address and API key, JSON as the API writes it, problem documents read into
/// <see cref="MessagingApiException"/>, and retries that honour <c>Retry-After</c> and never repeat a write that is not
/// safe to repeat.
/// </summary>
internal sealed class RemoteService
{
    public static readonly JsonSerializerOptions Json = MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _safe;
    private readonly ResiliencePipeline<HttpResponseMessage> _onlyWhenRefused;

    public RemoteService(HttpClient http, IOptions<MessagingClientOptions> options)
    {
        var settings = options.Value;
        _http = http;
        if (settings.BaseAddress is not null)
        {
            _http.BaseAddress = settings.BaseAddress;
        }

        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
        }

        _safe = BuildRetry(settings, handleNetworkFailures: true, IsTransient);
        _onlyWhenRefused = BuildRetry(settings, handleNetworkFailures: false, status => status == HttpStatusCode.TooManyRequests);
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, Retry retry, object? body = null, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await SendCoreAsync(method, path, retry, body, idempotencyKey, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    public async Task SendAsync(HttpMethod method, string path, Retry retry, object? body = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendCoreAsync(method, path, retry, body, null, cancellationToken);
    }

    /// <summary>A path with its query: null values are left out, dates written as ISO 8601, enums by name.</summary>
    public static string WithQuery(string path, params (string Name, object? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            var text = value switch
            {
                DateTime date => date.ToString("O", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()
            };
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text ?? ""));
        }

        return path + query;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, Retry retry, object? body, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var pipeline = retry == Retry.Safe ? _safe : _onlyWhenRefused;
        var response = await pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return await _http.SendAsync(request, token);
        }, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemReader.ToExceptionAsync(response, cancellationToken);
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildRetry(MessagingClientOptions settings, bool handleNetworkFailures,
        Func<HttpStatusCode, bool> retriedStatus)
    {
        var handle = new PredicateBuilder<HttpResponseMessage>().HandleResult(response => retriedStatus(response.StatusCode));
        if (handleNetworkFailures)
        {
            handle.Handle<HttpRequestException>();
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = handle,
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Result, settings.MaxRetryDelay)),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                }
            })
            .Build();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>The server's Retry-After when it sent one; otherwise null lets Polly's backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } value && value > TimeSpan.Zero ? (value < cap ? value : cap) : null;
    }
}
