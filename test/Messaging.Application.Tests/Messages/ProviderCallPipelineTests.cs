using Messaging.CircuitBreaking;
using Messaging.Messages.Delivery;
using Messaging.Messages.Dispatch;
using Messaging.TestSupport;

namespace Messaging.Messages;

public class ProviderCallPipelineTests
{
    private readonly HighThroughputOptions _options = new()
    {
        CircuitBreaker = new CircuitBreakerOptions
        {
            TimeoutDuration = TimeSpan.FromSeconds(10),
            RetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5)
        }
    };

    [Fact]
    public async Task TransientTwiceThenSent_IsOneCallOfThreeAttempts()
    {
        var sender = new ScriptedSender(
            SendResult.Transient("503", "unavailable"), SendResult.Transient("503", "unavailable"), SendResult.Sent("provider-1"));

        var result = await Pipeline().ExecuteAsync(sender.SendAsync, CancellationToken.None);

        result.ShouldBe(SendResult.Sent("provider-1"));
        sender.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task TransientEveryTime_GivesTheLastTransientAfterRetryAttemptsPlusOne()
    {
        var sender = new ScriptedSender(Enumerable.Range(1, 10).Select(i => SendResult.Transient("503", $"attempt {i}")).ToArray());

        var result = await Pipeline().ExecuteAsync(sender.SendAsync, CancellationToken.None);

        result.ShouldBe(SendResult.Transient("503", "attempt 3"));
        sender.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Permanent_IsNeverRetried()
    {
        var sender = new ScriptedSender(SendResult.Permanent("invalid-recipient", "no such number"), SendResult.Sent("never"));

        var result = await Pipeline().ExecuteAsync(sender.SendAsync, CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        sender.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Throttled_IsLeftToTheDispatcher()
    {
        var sender = new ScriptedSender(SendResult.Throttled("429", "slow down", TimeSpan.FromSeconds(7)), SendResult.Sent("never"));

        var result = await Pipeline().ExecuteAsync(sender.SendAsync, CancellationToken.None);

        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        sender.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task AnAttemptOverTheTimeout_IsCancelledAndRetried_ThenReportedAsTransientTimeout()
    {
        _options.CircuitBreaker.TimeoutDuration = TimeSpan.FromMilliseconds(50);
        var attempts = 0;
        var cancelledAttempts = 0;

        var result = await Pipeline().ExecuteAsync(async token =>
        {
            Interlocked.Increment(ref attempts);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledAttempts);
                throw;
            }

            return SendResult.Sent("never");
        }, CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Transient);
        result.ErrorCode.ShouldBe(ProviderCallPipeline.TimeoutErrorCode);
        attempts.ShouldBe(3);
        cancelledAttempts.ShouldBe(3);
    }

    [Fact]
    public async Task AnUnreachableProvider_IsRetried_ThenReportedAsTransient()
    {
        var attempts = 0;

        var result = await Pipeline().ExecuteAsync(_ =>
        {
            Interlocked.Increment(ref attempts);
            throw new HttpRequestException("Connection refused");
        }, CancellationToken.None);

        result.ShouldBe(SendResult.Transient(ProviderCallPipeline.UnreachableErrorCode, "Connection refused"));
        attempts.ShouldBe(3);
    }

    [Fact]
    public async Task TheCallersCancellation_IsNotAProviderFailure()
    {
        using var cancel = new CancellationTokenSource();
        var sender = new ScriptedSender(SendResult.Sent("never"));
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await Pipeline().ExecuteAsync(sender.SendAsync, cancel.Token));
    }

    [Fact]
    public async Task ChangedSettings_ApplyToTheNextCall()
    {
        var pipeline = Pipeline();
        var before = pipeline.Current;
        _options.CircuitBreaker.RetryAttempts = 0;
        var sender = new ScriptedSender(SendResult.Transient("503", "unavailable"), SendResult.Sent("never"));

        var result = await pipeline.ExecuteAsync(sender.SendAsync, CancellationToken.None);

        pipeline.Current.ShouldNotBeSameAs(before);
        pipeline.Current.ShouldBeSameAs(pipeline.Current);
        result.Outcome.ShouldBe(SendOutcome.Transient);
        sender.Attempts.ShouldBe(1);
    }

    private ProviderCallPipeline Pipeline() => new(new StaticOptionsMonitor<HighThroughputOptions>(_options), TimeProvider.System);

    /// <summary>Answers each attempt with the next scripted result.</summary>
    private sealed class ScriptedSender(params SendResult[] answers)
    {
        private int _attempts;

        public int Attempts => _attempts;

        public Task<SendResult> SendAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attempt = Interlocked.Increment(ref _attempts);
            return Task.FromResult(answers[attempt - 1]);
        }
    }
}
