using Messaging.CircuitBreaking;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Dispatch;

/// <summary>
/// One round of dispatch: claims a batch of due messages in rank order, routes each to its tenant's provider through
/// that circuit, records Sending before any call (so a crash is visible and recoverable), calls the providers
/// concurrently, and records each outcome. Open circuits and missing providers leave messages Queued without an attempt.
/// </summary>
public sealed partial class MessageDispatcher(
    IServiceScopeFactory scopeFactory,
    ICircuitBreaker circuits,
    IProviderCallPolicy callPolicy,
    ICurrentTenant currentTenant,
    DispatchMetrics metrics,
    IOptionsMonitor<HighThroughputOptions> options,
    TimeProvider clock,
    ILogger<MessageDispatcher> logger)
{
    /// <summary>Dispatches one claimed batch; returns how many messages it claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Dispatch;
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMessageDispatchStore>();
        var claimed = await store.ClaimAsync(settings.BatchSize, settings.ClaimTimeout, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        metrics.Claimed(claimed.Count);
        var calls = await RouteAsync(claimed, scope.ServiceProvider, settings, cancellationToken);
        // Sending is durable before any provider hears of the message: a dispatcher that dies from here on leaves
        // a trace the next one finds when the claim expires. A message cancelled since the claim is not sent.
        var withdrawn = await store.SaveSendingAsync(claimed, cancellationToken);
        calls.RemoveAll(call => withdrawn.Contains(call.Message));

        var results = new SendResult[calls.Count];
        await Parallel.ForAsync(0, calls.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await CallAsync(calls[index], token));

        // Status events for tenants with a callback go to the outbox through this scope, so they commit with the outcomes.
        var notifier = scope.ServiceProvider.GetRequiredService<IMessageStatusNotifier>();
        for (var index = 0; index < calls.Count; index++)
        {
            await RecordAsync(calls[index], results[index], settings, cancellationToken);
            await notifier.NotifyAsync(calls[index].Message, cancellationToken);
        }

        await store.SaveAsync(withdrawn.Count == 0 ? claimed : claimed.Where(m => !withdrawn.Contains(m)).ToList(), releaseClaims: true,
            cancellationToken);
        return claimed.Count;
    }

    private async Task<List<ProviderCall>> RouteAsync(IReadOnlyList<Message> claimed, IServiceProvider services, DispatchOptions settings,
        CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<IProviderEndpointResolver>();
        var senders = services.GetRequiredService<MessageSenders>();
        var permits = new Dictionary<CircuitKey, CircuitPermit>();
        var calls = new List<ProviderCall>(claimed.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in claimed)
        {
            var endpoint = await resolver.ResolveAsync(message.TenantId, message.Channel, cancellationToken);
            var sender = endpoint is null ? null : senders.Find(endpoint.Provider);
            if (endpoint is null || sender is null || !sender.Supports(message.Channel))
            {
                var reason = endpoint is null
                    ? $"No provider is configured for the {message.Channel} channel."
                    : $"Provider '{endpoint.Provider}' cannot send {message.Channel} messages.";
                Wait(message, now + settings.UnroutableRetryDelay, reason, "unroutable");
                continue;
            }

            var key = new CircuitKey(endpoint.Provider, message.TenantId);
            if (!permits.TryGetValue(key, out var permit))
            {
                permit = await circuits.AcquireAsync(key, cancellationToken);
                permits[key] = permit;
            }
            else if (permit.IsProbe)
            {
                // A half-open circuit lets one message through; the rest of the batch waits for its verdict.
                permit = CircuitPermit.Refused(now + settings.PollInterval);
            }

            if (!permit.Allowed)
            {
                Wait(message, permit.RetryAt ?? now + settings.PollInterval, $"The circuit to '{endpoint.Provider}' is open.", "circuit_open");
                continue;
            }

            message.MarkSending(now);
            calls.Add(new ProviderCall(message, sender, endpoint, key));
        }

        return calls;
    }

    /// <summary>Leaves a message queued until <paramref name="notBefore"/>; one a dead dispatcher left in Sending goes back to Queued.</summary>
    private void Wait(Message message, DateTime notBefore, string reason, string metricReason)
    {
        if (!message.Defer(notBefore))
        {
            message.Requeue(clock.GetUtcNow().UtcDateTime, notBefore, reason);
        }

        metrics.Deferred(metricReason);
    }

    private async Task<SendResult> CallAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        var message = call.Message;
        var outgoing = new OutgoingMessage(message.Id, message.TenantId, message.Channel, message.Recipient, message.Content,
            message.MetadataJson, message.DispatchAttempts);
        using var tenant = currentTenant.Change(message.TenantId);
        try
        {
            var result = await callPolicy.ExecuteAsync(token => call.Sender.SendAsync(outgoing, call.Endpoint, token), cancellationToken);
            metrics.ProviderCalled(call.Endpoint.Provider, result.Outcome);
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSenderThrew(logger, exception, call.Endpoint.Provider, message.Id);
            metrics.ProviderCalled(call.Endpoint.Provider, SendOutcome.Transient);
            return SendResult.Transient("sender-error", exception.Message);
        }
    }

    private async Task RecordAsync(ProviderCall call, SendResult result, DispatchOptions settings, CancellationToken cancellationToken)
    {
        var message = call.Message;
        var now = clock.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                message.MarkSent(call.Endpoint.Provider, result.ProviderMessageId ?? message.Id.ToString(), now);
                metrics.Sent(now - message.AcceptedAt);
                await circuits.RecordSuccessAsync(call.Circuit, cancellationToken);
                break;
            case SendOutcome.Permanent:
                message.MarkFailed(now, result.ErrorCode ?? "rejected", $"{call.Endpoint.Provider} refused the message: {result.Error}");
                metrics.Failed();
                // The provider answered: it is up, whatever it thought of this message.
                await circuits.RecordSuccessAsync(call.Circuit, cancellationToken);
                break;
            case SendOutcome.Throttled:
                var wait = result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : settings.RetryBaseDelay;
                message.Requeue(now, now + wait, $"{call.Endpoint.Provider} asked to slow down ({result.ErrorCode}); retrying after {wait.TotalSeconds:0.#} s.");
                await circuits.RecordSuccessAsync(call.Circuit, cancellationToken);
                break;
            default:
                await circuits.RecordFailureAsync(call.Circuit, cancellationToken);
                if (message.DispatchAttempts >= settings.MaxAttempts)
                {
                    message.MarkFailed(now, result.ErrorCode ?? "transient",
                        $"Gave up after {message.DispatchAttempts} attempts; last error from {call.Endpoint.Provider}: {result.Error}");
                    metrics.Failed();
                }
                else
                {
                    var backoff = RetryBackoff.After(message.DispatchAttempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
                    message.Requeue(now, now + backoff, $"{call.Endpoint.Provider} failed ({result.ErrorCode}: {result.Error}); retrying in {backoff.TotalSeconds:0.#} s.");
                }

                break;
        }
    }

    private sealed record ProviderCall(Message Message, IMessageSender Sender, ProviderEndpoint Endpoint, CircuitKey Circuit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sender {Provider} threw for message {MessageId}; treated as a transient failure")]
    private static partial void LogSenderThrew(ILogger logger, Exception exception, string provider, Guid messageId);
}
