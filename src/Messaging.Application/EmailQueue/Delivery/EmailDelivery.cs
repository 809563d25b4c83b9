using System.Diagnostics;
using Messaging.BackgroundJobs;
using Messaging.CircuitBreaking;
using Messaging.EmailQueue.Events;
using Messaging.EmailQueue.Templates;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Delivery;

/// <summary>
/// One delivery round: claims due events across tenants and sends them concurrently, each in its tenant behind the
/// circuit of its SMTP host, then records the attempt and what follows from its classification: sent, due again after a
/// backoff (throttling waits without spending an attempt), or dead-lettered (a permanent failure at once; a transient
/// one after its last attempt or past its age limit). A suppressed recipient ends the event without a call. A process
/// that dies mid-round leaves its claims to expire; those events are sent again (at least once, with the same Message-ID).
/// </summary>
public sealed partial class EmailDelivery(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    IEmailTransport transport,
    ICircuitBreaker circuits,
    SmtpErrorClassifier classifier,
    EmailRenderer renderer,
    IOptionsMonitor<EmailQueueOptions> options,
    EmailQueueMetrics metrics,
    TimeProvider clock,
    ILogger<EmailDelivery> logger)
{
    public const string SuppressedFailureCode = "email.suppressed";
    public const string TemplateFailureCode = "email.template";

    /// <returns>How many events the round claimed.</returns>
    public async Task<int> DeliverOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        IReadOnlyList<ClaimedEmailEvent> claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<IEmailDeliveryStore>()
                .ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
        }

        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSends, CancellationToken = cancellationToken },
                async (one, token) => await DeliverAsync(one, settings, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claimed.Count > 0)
        {
            await ReleaseAsync(claimed[0].ClaimToken);
            throw;
        }

        return claimed.Count;
    }

    /// <summary>
    /// A stopping worker hands back what it had not finished, so another instance sends it now rather than after the
    /// lease. A send the server had accepted but whose outcome was not committed is sent again (the same Message-ID).
    /// </summary>
    private async Task ReleaseAsync(Guid claimToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopeFactory.CreateAsyncScope();
            var released = await scope.ServiceProvider.GetRequiredService<IEmailDeliveryStore>().ReleaseAsync(claimToken, timeout.Token);
            LogReleased(logger, released);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The lease still ends; nothing is lost, only later.
            LogReleaseFailed(logger, failure);
        }
    }

    /// <summary>
    /// The SMTP conversation happens outside any transaction; only its outcome is written, in a short one. On SQLite a
    /// transaction holds the database's one write lock, which every publish and every other send would wait for while
    /// the mail server answers. The event's status is its concurrency token: an instance that lost its claim meanwhile
    /// (its lease ran out and another took the event over) writes nothing.
    /// </summary>
    private async Task DeliverAsync(ClaimedEmailEvent claimed, EmailQueueOptions settings, CancellationToken cancellationToken)
    {
        using var tenant = currentTenant.Change(claimed.TenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var emailEvent = await services.GetRequiredService<IEmailDeliveryStore>().FindClaimedAsync(claimed, cancellationToken);
        if (emailEvent is null)
        {
            return;
        }

        var end = await AttemptAsync(emailEvent, services, settings, cancellationToken);
        try
        {
            await services.GetRequiredService<IUnitOfWork>().RunAsync(async token =>
            {
                if (end?.Suppression is { } suppression)
                {
                    await services.GetRequiredService<IEmailSuppressionRepository>().AddAsync(suppression, token);
                }

                if (end is not null)
                {
                    await AnnounceEndAsync(emailEvent, services, end.MessageIdHeader, end.FailureCode, end.Reason, token);
                }

                return true;
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException conflict)
        {
            LogLostClaim(logger, conflict, claimed.Id, claimed.TenantId);
        }
    }

    /// <summary>Sends the event once and applies the outcome to it; returns how it ended, or null while it is not over.</summary>
    private async Task<EventEnd?> AttemptAsync(EmailEvent emailEvent, IServiceProvider services, EmailQueueOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await services.GetRequiredService<IEmailSuppressionRepository>().IsSuppressedAsync(emailEvent.Recipient, cancellationToken))
        {
            emailEvent.Suppress(now);
            metrics.Suppressed();
            LogSuppressed(logger, emailEvent.Id, emailEvent.TenantId);
            return new EventEnd(null, SuppressedFailureCode, "The recipient is on the tenant's suppression list.");
        }

        var template = await renderer.ActiveAsync(emailEvent.Type, cancellationToken);
        var content = await RenderAsync(emailEvent, template, now);
        if (content is null)
        {
            return new EventEnd(null, TemplateFailureCode, "The email could not be rendered from its template.");
        }

        var endpoint = await services.GetRequiredService<ISmtpEndpointResolver>().ResolveAsync(cancellationToken);
        var circuit = new CircuitKey(transport.CircuitName(endpoint), emailEvent.TenantId);
        var permit = await circuits.AcquireAsync(circuit, cancellationToken);
        if (!permit.Allowed)
        {
            emailEvent.Postpone(permit.RetryAt ?? now + settings.ThrottleDelay);
            LogCircuitOpen(logger, emailEvent.Id, circuit.Provider, emailEvent.TenantId);
            return null;
        }

        var from = endpoint?.From ?? settings.DefaultFrom;
        var email = new OutgoingEmail(emailEvent.Id, from, emailEvent.Recipient, content.Subject, content.Text, content.Html.Length == 0 ? null : content.Html, EmailMessageId.For(emailEvent.Id, from));
        var started = Stopwatch.GetTimestamp();
        var result = await SendAsync(email, endpoint, settings.SendTimeout, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(started);
        metrics.SendDuration(duration);
        var number = emailEvent.AttemptCount + 1;
        if (result.Sent)
        {
            await circuits.RecordSuccessAsync(circuit, cancellationToken);
            emailEvent.MarkSent(new EmailAttempt(emailEvent.Id, emailEvent.TenantId, number, now, duration, null, null, null, Bound(result.ServerAnswer)));
            metrics.Sent(emailEvent.Type);
            LogSent(logger, emailEvent.Id, emailEvent.Type, emailEvent.TenantId, number);
            return new EventEnd(email.MessageId, null, null);
        }

        var verdict = classifier.Classify(result);
        if (verdict.Class == EmailErrorClass.Transient)
        {
            await circuits.RecordFailureAsync(circuit, cancellationToken);
        }
        else
        {
            await circuits.RecordSuccessAsync(circuit, cancellationToken);
        }

        var attempt = new EmailAttempt(emailEvent.Id, emailEvent.TenantId, number, now, duration, verdict.Class,
            result.ReplyCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? EmailAttempt.NoReply,
            result.EnhancedCode is { Length: <= EmailQueueConsts.MaxReplyCodeLength } enhanced ? enhanced : null, Bound(result.ServerAnswer));
        metrics.Failed(verdict.Class);
        var dueAt = verdict.Class == EmailErrorClass.Throttled
            ? now + settings.ThrottleDelay
            : now + RetryBackoff.After(emailEvent.SpentAttempts + 1, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
        var outOfAttempts = verdict.Class == EmailErrorClass.Transient && emailEvent.SpentAttempts + 1 >= settings.MaxAttempts;
        var outOfTime = dueAt - emailEvent.AcceptedAt > settings.MaxAge;
        if (verdict.Class == EmailErrorClass.Permanent || outOfAttempts || outOfTime)
        {
            emailEvent.DeadLetter(attempt, now);
            metrics.DeadLettered(verdict.Class);
            LogDeadLettered(logger, emailEvent.Id, emailEvent.Type, emailEvent.TenantId, verdict.Class, attempt.ReplyCode, attempt.EnhancedCode, number);
            EmailSuppression? suppression = null;
            if (verdict.Suppresses)
            {
                suppression = new EmailSuppression(emailEvent.TenantId, emailEvent.Recipient, emailEvent.Id, attempt.ServerAnswer, now);
                LogAddressSuppressed(logger, emailEvent.Id, emailEvent.TenantId, attempt.EnhancedCode);
            }

            return new EventEnd(email.MessageId, FailureCodeOf(attempt), attempt.ServerAnswer, suppression);
        }

        emailEvent.RetryAt(attempt, dueAt);
        metrics.Retried(verdict.Class);
        LogRetrying(logger, emailEvent.Id, emailEvent.TenantId, verdict.Class, attempt.ReplyCode, attempt.EnhancedCode, number, dueAt);
        return null;
    }

    private async Task<EmailSendResult> SendAsync(OutgoingEmail email, SmtpEndpoint? endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await transport.SendAsync(email, endpoint, timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return EmailSendResult.Unreachable($"No answer within {timeout.TotalSeconds:0} s.");
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // What no transport foresaw (a server without the authentication the settings ask for, say) fails this
            // attempt like an unreachable server, bounded by the attempts, instead of failing the round for every event.
            LogSendFailed(logger, unexpected, email.EventId);
            return EmailSendResult.Unreachable(unexpected.Message);
        }
    }

    /// <summary>
    /// Tells the publisher that sent the event for something of its own how it ended, in the transaction that
    /// records the end (the outbox), so it hears exactly once.
    /// </summary>
    private static async Task AnnounceEndAsync(EmailEvent emailEvent, IServiceProvider services, string? messageIdHeader, string? failureCode,
        string? reason, CancellationToken cancellationToken)
    {
        if (emailEvent.SourceId is not { } sourceId)
        {
            return;
        }

        var completedAt = emailEvent.CompletedAt!.Value;
        await services.GetRequiredService<IDistributedEventBus>().PublishAsync(
            new EmailEventCompletedEto(emailEvent.Id, sourceId, emailEvent.Status, completedAt, messageIdHeader, failureCode, reason)
            {
                TenantId = emailEvent.TenantId,
                OccurredAt = completedAt
            }, cancellationToken);
    }

    /// <summary>The failure code a publisher is told: the enhanced status code where the server gave one, else its reply code.</summary>
    private static string FailureCodeOf(EmailAttempt attempt) =>
        "smtp." + (attempt.EnhancedCode ?? (attempt.ReplyCode == EmailAttempt.NoReply ? "unreachable" : attempt.ReplyCode));

    /// <summary>
    /// Templates are checked when saved, so a failure here is a bug, a payload no contract foresaw or a template that
    /// exceeds the render's bounds (steps, output); sending again renders the same failure, so the event is
    /// dead-lettered at once with the reason instead of retried.
    /// </summary>
    private async Task<RenderedEmail?> RenderAsync(EmailEvent emailEvent, ActiveEmailTemplate? template, DateTime now)
    {
        try
        {
            return await renderer.RenderAsync(emailEvent.Type, template, emailEvent.PayloadJson);
        }
        catch (Exception failure) when (failure is not OperationCanceledException and not OutOfMemoryException)
        {
            var attempt = new EmailAttempt(emailEvent.Id, emailEvent.TenantId, emailEvent.AttemptCount + 1, now, TimeSpan.Zero, EmailErrorClass.Permanent,
                EmailAttempt.TemplateFailed, null, Bound($"{EmailQueueErrorCodes.TemplateRenderFailed}: {failure.Message}"));
            emailEvent.DeadLetter(attempt, now);
            metrics.Failed(EmailErrorClass.Permanent);
            metrics.DeadLettered(EmailErrorClass.Permanent);
            LogRenderFailed(logger, failure, emailEvent.Id, emailEvent.Type, emailEvent.TenantId);
            return null;
        }
    }

    /// <summary>How an event ended: what its publisher is told, and the address to suppress when the mailbox does not exist.</summary>
    private sealed record EventEnd(string? MessageIdHeader, string? FailureCode, string? Reason, EmailSuppression? Suppression = null);

    private static string? Bound(string? serverAnswer) =>
        serverAnswer is null ? null : ForeignText.Bound(serverAnswer, EmailQueueConsts.MaxServerAnswerLength);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email event {EmailEventId} ({EmailEventType}) of tenant {TenantId} sent in attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid emailEventId, EmailEventType emailEventType, Guid tenantId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Email event {EmailEventId} of tenant {TenantId} failed attempt {Attempt} ({ErrorClass}, {ReplyCode} {EnhancedCode}); due again at {DueAt:o}")]
    private static partial void LogRetrying(ILogger logger, Guid emailEventId, Guid tenantId, EmailErrorClass errorClass, string? replyCode,
        string? enhancedCode, int attempt, DateTime dueAt);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Email event {EmailEventId} ({EmailEventType}) of tenant {TenantId} dead-lettered after attempt {Attempt} ({ErrorClass}, {ReplyCode} {EnhancedCode})")]
    private static partial void LogDeadLettered(ILogger logger, Guid emailEventId, EmailEventType emailEventType, Guid tenantId, EmailErrorClass errorClass,
        string? replyCode, string? enhancedCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recipient of email event {EmailEventId} of tenant {TenantId} does not exist ({EnhancedCode}); the address is suppressed")]
    private static partial void LogAddressSuppressed(ILogger logger, Guid emailEventId, Guid tenantId, string? enhancedCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email event {EmailEventId} of tenant {TenantId} suppressed: its recipient is on the suppression list")]
    private static partial void LogSuppressed(ILogger logger, Guid emailEventId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} claimed email events released to other workers")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the claimed email events could not be released; they are sent after their lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email event {EmailEventId} ({EmailEventType}) of tenant {TenantId} dead-lettered: its template did not render")]
    private static partial void LogRenderFailed(ILogger logger, Exception exception, Guid emailEventId, EmailEventType emailEventType, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending email event {EmailEventId} failed unexpectedly")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid emailEventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email event {EmailEventId} of tenant {TenantId} waits: the circuit of {Circuit} is open")]
    private static partial void LogCircuitOpen(ILogger logger, Guid emailEventId, string circuit, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email event {EmailEventId} of tenant {TenantId} was changed by another worker; its claim had ended")]
    private static partial void LogLostClaim(ILogger logger, Exception exception, Guid emailEventId, Guid tenantId);
}
