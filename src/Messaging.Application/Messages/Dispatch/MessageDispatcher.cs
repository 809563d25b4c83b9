using System.Diagnostics;
using Messaging.BackgroundJobs;
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
/// concurrently (a bounded share of the slots per tenant and provider) while renewing the claim, and records each
/// provider's outcomes as soon as its calls are done. Open circuits and missing providers leave messages Queued without
/// an attempt. Every write is isolated per message: a value the database refuses costs only its own message its step.
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
    /// <summary>The failure code of a message taken over from dead dispatchers once its attempts are used up.</summary>
    public const string AbandonedFailureCode = "abandoned";

    /// <summary>Dispatches one claimed batch; returns how many messages it claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Dispatch;
        DispatchClaim claim;
        List<Plan> plans;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            claim = await scope.ServiceProvider.GetRequiredService<IMessageDispatchStore>()
                .ClaimAsync(settings.BatchSize, settings.ClaimTimeout, cancellationToken);
            if (claim.Messages.Count == 0)
            {
                return 0;
            }

            metrics.Claimed(claim.Messages.Count);
            plans = await PlanAsync(claim.Messages, scope.ServiceProvider, settings, cancellationToken);
        }

        var claimed = claim.Messages.ToDictionary(message => message.Id);
        var routed = plans.Where(plan => plan.Route is not null).ToList();
        using var spans = DispatchSpans.Start(routed.Select(plan => (claimed[plan.Step.MessageId], plan.Route!.Endpoint.Provider)));

        // Sending is durable before any provider hears of the message: a dispatcher that dies from here on leaves a trace
        // the next one finds when the claim expires. A message whose step does not apply or is refused (another writer
        // moved it since the claim) is not sent.
        var started = await CommitAsync(claim.Token, plans.Select(plan => plan.Step).ToList(), cancellationToken);
        spans.Recorded(started.Keys, DispatchSpans.SendingRecorded);
        spans.NotStarted(routed.Select(plan => plan.Step.MessageId).Where(id => !started.ContainsKey(id)));
        var calls = plans
            .Where(plan => plan.Route is not null && started.ContainsKey(plan.Step.MessageId))
            .Select(plan => new ProviderCall(started[plan.Step.MessageId], plan.Route!))
            .ToList();
        if (calls.Count == 0)
        {
            return claim.Messages.Count;
        }

        await using var heartbeat = ClaimHeartbeat.Start(claim.Token, calls.Select(call => call.Message.Id), settings.ClaimTimeout, scopeFactory,
            clock, logger);
        using var slots = new SemaphoreSlim(settings.MaxConcurrentSends);
        await Task.WhenAll(calls.GroupBy(call => call.Route.Circuit)
            .Select(group => SendAndRecordAsync(claim.Token, group.ToList(), slots, heartbeat, spans, settings, cancellationToken)));
        return claim.Messages.Count;
    }

    /// <summary>
    /// Sends one tenant's messages to one provider, at most <see cref="DispatchOptions.MaxConcurrentSendsPerTenantProvider"/>
    /// at a time out of the round's shared slots, and records their outcomes once all are answered.
    /// </summary>
    private async Task SendAndRecordAsync(Guid claimToken, List<ProviderCall> calls, SemaphoreSlim slots, ClaimHeartbeat heartbeat,
        DispatchSpans spans, DispatchOptions settings, CancellationToken cancellationToken)
    {
        var results = new SendResult[calls.Count];
        await Parallel.ForAsync(0, calls.Count,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSendsPerTenantProvider, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                await slots.WaitAsync(token);
                try
                {
                    results[index] = await CallAsync(calls[index], spans.Of(calls[index].Message.Id), token);
                }
                finally
                {
                    slots.Release();
                }
            });

        var steps = new List<Step>(calls.Count);
        for (var index = 0; index < calls.Count; index++)
        {
            spans.Answered(calls[index].Message, results[index]);
            await ReportAsync(calls[index], results[index], settings, cancellationToken);
            steps.Add(OutcomeStep(calls[index], results[index], settings));
        }

        var recorded = await CommitAsync(claimToken, steps, cancellationToken);
        spans.Recorded(recorded.Keys, DispatchSpans.OutcomeRecorded);
        heartbeat.Forget(calls.Select(call => call.Message.Id));
    }

    private async Task<List<Plan>> PlanAsync(IReadOnlyList<Message> claimed, IServiceProvider services, DispatchOptions settings,
        CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<IProviderEndpointResolver>();
        var senders = services.GetRequiredService<MessageSenders>();
        var permits = new Dictionary<CircuitKey, CircuitPermit>();
        var plans = new List<Plan>(claimed.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in claimed)
        {
            if (message.Status == MessageStatus.Sending && message.DispatchAttempts >= settings.MaxAttempts)
            {
                // Taken over from dispatchers that died mid-send, each of which may have reached the provider: every
                // takeover counts as an attempt, so a message whose sends keep dying cannot be sent again and again.
                var attempts = message.DispatchAttempts;
                plans.Add(new Plan(new Step(message.Id, stored => Fail(stored, now, AbandonedFailureCode,
                    $"Gave up after {attempts} attempts; no outcome was recorded for the last one (its dispatcher stopped)."), ReleasesClaim: true), null));
                continue;
            }

            var endpoint = await resolver.ResolveAsync(message.TenantId, message.Channel, cancellationToken);
            var sender = endpoint is null ? null : senders.Find(endpoint.Provider);
            if (endpoint is null || sender is null || !sender.Supports(message.Channel))
            {
                var reason = endpoint is null
                    ? $"No provider is configured for the {message.Channel} channel."
                    : $"Provider '{endpoint.Provider}' cannot send {message.Channel} messages.";
                plans.Add(WaitPlan(message.Id, now + settings.UnroutableRetryDelay, reason, "unroutable"));
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
                plans.Add(WaitPlan(message.Id, permit.RetryAt ?? now + settings.PollInterval, $"The circuit to '{endpoint.Provider}' is open.",
                    "circuit_open"));
                continue;
            }

            plans.Add(new Plan(new Step(message.Id, stored => stored.MarkSending(now), ReleasesClaim: false), new Route(sender, endpoint, key)));
        }

        return plans;
    }

    /// <summary>Leaves a message queued until <paramref name="notBefore"/>; one a dead dispatcher left in Sending goes back to Queued.</summary>
    private Plan WaitPlan(Guid messageId, DateTime notBefore, string reason, string metricReason)
    {
        metrics.Deferred(metricReason);
        return new Plan(new Step(messageId, message => message.Defer(notBefore) || message.Requeue(clock.GetUtcNow().UtcDateTime, notBefore, reason),
            ReleasesClaim: true), null);
    }

    private async Task<SendResult> CallAsync(ProviderCall call, Activity? span, CancellationToken cancellationToken)
    {
        // The provider call (and the HTTP client's span of it) belongs to the message's dispatch span; this method's
        // own async context keeps the change from its caller.
        Activity.Current = span ?? Activity.Current;
        var message = call.Message;
        var outgoing = new OutgoingMessage(message.Id, message.TenantId, message.Channel, message.Recipient, message.Content,
            message.MetadataJson, message.DispatchAttempts);
        using var tenant = currentTenant.Change(message.TenantId);
        try
        {
            var result = await callPolicy.ExecuteAsync(token => call.Route.Sender.SendAsync(outgoing, call.Route.Endpoint, token), cancellationToken);
            metrics.ProviderCalled(call.Route.Endpoint.Provider, result.Outcome);
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSenderThrew(logger, exception, call.Route.Endpoint.Provider, message.Id);
            metrics.ProviderCalled(call.Route.Endpoint.Provider, SendOutcome.Transient);
            return SendResult.Transient("sender-error", exception.Message);
        }
    }

    /// <summary>Tells the circuit and the metrics what the provider answered, once per call whatever happens to the write.</summary>
    private async Task ReportAsync(ProviderCall call, SendResult result, DispatchOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                metrics.Sent(now - call.Message.AcceptedAt);
                await circuits.RecordSuccessAsync(call.Route.Circuit, cancellationToken);
                break;
            case SendOutcome.Permanent:
                metrics.Failed();
                // The provider answered: it is up, whatever it thought of this message.
                await circuits.RecordSuccessAsync(call.Route.Circuit, cancellationToken);
                break;
            case SendOutcome.Throttled:
                await circuits.RecordSuccessAsync(call.Route.Circuit, cancellationToken);
                break;
            default:
                if (call.Message.DispatchAttempts >= settings.MaxAttempts)
                {
                    metrics.Failed();
                }

                await circuits.RecordFailureAsync(call.Route.Circuit, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The outcome as a step, with a fallback for when the database refuses it: the same outcome without the values the
    /// provider chose. A message the provider took is Sent either way, so it is never sent again.
    /// </summary>
    private Step OutcomeStep(ProviderCall call, SendResult result, DispatchOptions settings)
    {
        var provider = call.Route.Endpoint.Provider;
        var now = clock.GetUtcNow().UtcDateTime;
        var backoff = RetryBackoff.After(call.Message.DispatchAttempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
        return result.Outcome == SendOutcome.Sent
            ? new Step(call.Message.Id, message => message.MarkSent(provider, result.ProviderMessageId ?? message.Id.ToString(), now),
                ReleasesClaim: true, Fallback: message => message.MarkSent(provider, null, now))
            : new Step(call.Message.Id, message => Record(message, provider, result, settings, now, backoff), ReleasesClaim: true,
                Fallback: message => Record(message, provider, result with { ErrorCode = null, Error = "(its answer could not be stored)" }, settings,
                    now, backoff));
    }

    private static bool Record(Message message, string provider, SendResult result, DispatchOptions settings, DateTime now, TimeSpan backoff)
    {
        switch (result.Outcome)
        {
            case SendOutcome.Permanent:
                return message.MarkFailed(now, result.ErrorCode ?? "rejected", $"{provider} refused the message: {result.Error}");
            case SendOutcome.Throttled:
                var wait = result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : settings.RetryBaseDelay;
                return message.Requeue(now, now + wait, $"{provider} asked to slow down ({result.ErrorCode}); retrying after {wait.TotalSeconds:0.#} s.");
            default:
                return message.DispatchAttempts >= settings.MaxAttempts
                    ? message.MarkFailed(now, result.ErrorCode ?? "transient",
                        $"Gave up after {message.DispatchAttempts} attempts; last error from {provider}: {result.Error}")
                    : message.Requeue(now, now + backoff, $"{provider} failed ({result.ErrorCode}: {result.Error}); retrying in {backoff.TotalSeconds:0.#} s.");
        }
    }

    private static bool Fail(Message message, DateTime now, string code, string reason) => message.MarkFailed(now, code, reason);

    /// <summary>
    /// Applies each step to its message, as stored under the claim, and commits them in one transaction. When the database
    /// refuses it, the steps are split in halves and committed apart until the refused message stands alone; that one gets
    /// its fallback, if it has one. Returns the messages whose step was committed, as committed.
    /// </summary>
    private async Task<Dictionary<Guid, Message>> CommitAsync(Guid claimToken, IReadOnlyList<Step> steps, CancellationToken cancellationToken)
    {
        var committed = new Dictionary<Guid, Message>();
        await CommitIsolatedAsync(claimToken, steps, committed, cancellationToken);
        return committed;
    }

    private async Task CommitIsolatedAsync(Guid claimToken, IReadOnlyList<Step> steps, Dictionary<Guid, Message> committed,
        CancellationToken cancellationToken)
    {
        if (steps.Count == 0)
        {
            return;
        }

        try
        {
            Add(committed, await TryCommitAsync(claimToken, steps, step => step.Apply, cancellationToken));
        }
        catch (DispatchWriteRefusedException) when (steps.Count > 1)
        {
            var half = steps.Count / 2;
            await CommitIsolatedAsync(claimToken, steps.Take(half).ToList(), committed, cancellationToken);
            await CommitIsolatedAsync(claimToken, steps.Skip(half).ToList(), committed, cancellationToken);
        }
        catch (DispatchWriteRefusedException refused)
        {
            LogStepRefused(logger, refused, steps[0].MessageId);
            if (steps[0].Fallback is null)
            {
                return;
            }

            try
            {
                Add(committed, await TryCommitAsync(claimToken, steps, step => step.Fallback!, cancellationToken));
            }
            catch (DispatchWriteRefusedException again)
            {
                LogStepRefused(logger, again, steps[0].MessageId);
            }
        }
    }

    private async Task<List<Message>> TryCommitAsync(Guid claimToken, IReadOnlyList<Step> steps, Func<Step, Func<Message, bool>> change,
        CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IMessageDispatchStore>();
        // Status events for tenants with a callback go to the outbox through this scope, so they commit with the outcomes.
        var notifier = scope.ServiceProvider.GetRequiredService<IMessageStatusNotifier>();
        var byMessage = steps.ToDictionary(step => step.MessageId);
        var held = await store.FindClaimedAsync(claimToken, byMessage.Keys, cancellationToken);
        var changed = new List<Message>(held.Count);
        foreach (var message in held)
        {
            var step = byMessage[message.Id];
            var applied = change(step)(message);
            if (step.ReleasesClaim || !applied)
            {
                store.Release(message);
            }

            if (applied)
            {
                changed.Add(message);
                await notifier.NotifyAsync(message, cancellationToken);
            }
        }

        await store.SaveAsync(cancellationToken);
        return changed;
    }

    private static void Add(Dictionary<Guid, Message> committed, List<Message> messages)
    {
        foreach (var message in messages)
        {
            committed[message.Id] = message;
        }
    }

    /// <summary>What a round does to one message, applied to the message as stored; false when its state no longer allows it.</summary>
    private sealed record Step(Guid MessageId, Func<Message, bool> Apply, bool ReleasesClaim, Func<Message, bool>? Fallback = null);

    private sealed record Route(IMessageSender Sender, ProviderEndpoint Endpoint, CircuitKey Circuit);

    private sealed record Plan(Step Step, Route? Route);

    private sealed record ProviderCall(Message Message, Route Route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sender {Provider} threw for message {MessageId}; treated as a transient failure")]
    private static partial void LogSenderThrew(ILogger logger, Exception exception, string provider, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused dispatch's write for message {MessageId}")]
    private static partial void LogStepRefused(ILogger logger, Exception exception, Guid messageId);
}
