using Messaging.CircuitBreaking;
using Messaging.Messages.Delivery;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// The resilience around one provider call: each attempt has <see cref="CircuitBreakerOptions.TimeoutDuration"/>, and
/// transient failures (a Transient result, a timeout, an unreachable host) are retried a few times with jittered
/// exponential backoff. Permanent and throttled answers are never retried here: the first is final and the second is
/// the dispatcher's to schedule. The circuit breaker is not part of it: it is shared between instances and sees the
/// call's final result. Rebuilt when the settings change.
/// </summary>
public sealed class ProviderCallPipeline(IOptionsMonitor<HighThroughputOptions> options, TimeProvider clock) : IProviderCallPolicy
{
    public const string TimeoutErrorCode = "timeout";
    public const string UnreachableErrorCode = "unreachable";

    private Built? _built;

    /// <summary>The pipeline for the current settings.</summary>
    public ResiliencePipeline<SendResult> Current
    {
        get
        {
            var settings = Settings.From(options.CurrentValue.CircuitBreaker);
            var built = Volatile.Read(ref _built);
            if (built?.Settings != settings)
            {
                built = new Built(settings, Build(settings, clock));
                Volatile.Write(ref _built, built);
            }

            return built.Pipeline;
        }
    }

    /// <summary>
    /// Runs <paramref name="send"/> (one attempt; it gets the attempt's token) under the pipeline. Never throws for the
    /// provider: a timeout or an unreachable host after the last retry comes back as a Transient result.
    /// </summary>
    public async Task<SendResult> ExecuteAsync(Func<CancellationToken, Task<SendResult>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await Current.ExecuteAsync(static (attempt, token) => new ValueTask<SendResult>(attempt(token)), send, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            return SendResult.Transient(TimeoutErrorCode, $"The provider did not answer within {timeout.Timeout}.");
        }
        catch (HttpRequestException unreachable) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient(UnreachableErrorCode, unreachable.Message);
        }
    }

    private static ResiliencePipeline<SendResult> Build(Settings settings, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<SendResult> { TimeProvider = clock };
        if (settings.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SendResult>
            {
                ShouldHandle = new PredicateBuilder<SendResult>()
                    .HandleResult(result => result.Outcome == SendOutcome.Transient)
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>(),
                MaxRetryAttempts = settings.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.RetryMaxDelay
            });
        }

        // Inside the retry, so the timeout is per attempt.
        return builder.AddTimeout(settings.Timeout).Build();
    }

    private sealed record Settings(TimeSpan Timeout, int RetryAttempts, TimeSpan RetryBaseDelay, TimeSpan RetryMaxDelay)
    {
        public static Settings From(CircuitBreakerOptions options) =>
            new(options.TimeoutDuration, options.RetryAttempts, options.RetryBaseDelay, options.RetryMaxDelay);
    }

    private sealed record Built(Settings Settings, ResiliencePipeline<SendResult> Pipeline);
}
