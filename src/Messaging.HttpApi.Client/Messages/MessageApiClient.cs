using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Messaging.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Messaging.Messages;

/// <summary>
/// Typed client for the message API. Retries are safe: every send carries an idempotency key (the caller's,
/// or one made here), so a retried send after a lost answer stores one message and returns the same tracking id.
/// </summary>
public sealed class MessageApiClient : IMessageAppService
{
    internal static readonly JsonSerializerOptions Json = MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public MessageApiClient(HttpClient http, IOptions<MessagingClientOptions> options)
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

        _retry = BuildRetry(settings);
    }

    public async Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? Guid.CreateVersion7().ToString("N");
        using var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/app/message/send-one-way-message")
            {
                Content = JsonContent.Create(input, options: Json)
            };
            request.Headers.Add("Idempotency-Key", key);
            return await _http.SendAsync(request, token);
        }, cancellationToken);
        return await ReadAsync<MessageAcceptedDto>(response, cancellationToken);
    }

    public async Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default)
    {
        using var response = await _retry.ExecuteAsync(
            async token => await _http.GetAsync($"api/app/message/{trackingId}/status", token), cancellationToken);
        return await ReadAsync<MessageStatusDto>(response, cancellationToken);
    }

    /// <summary>Retried like a single send: the key (the caller's, or one made here) makes a retry return the same tracking ids.</summary>
    public async Task<SendManyMessagesResultDto> SendManyAsync(SendManyMessagesDto input, string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var key = idempotencyKey ?? Guid.CreateVersion7().ToString("N");
        using var response = await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/app/message/send-many")
            {
                Content = JsonContent.Create(input, options: Json)
            };
            request.Headers.Add("Idempotency-Key", key);
            return await _http.SendAsync(request, token);
        }, cancellationToken);
        return await ReadAsync<SendManyMessagesResultDto>(response, cancellationToken);
    }

    /// <summary>Safe to retry: cancelling a cancelled message answers the same.</summary>
    public async Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken = default)
    {
        using var response = await _retry.ExecuteAsync(
            async token => await _http.PostAsync($"api/app/message/{trackingId}/cancel", content: null, token), cancellationToken);
        return await ReadAsync<MessageStatusDto>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
        }

        throw await ProblemReader.ToExceptionAsync(response, cancellationToken);
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildRetry(MessagingClientOptions settings) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Result, settings.MaxRetryDelay)),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                }
            })
            .Build();

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
