namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// An email a worker asked about, with the answer it got: committed before the answer (phase 1), unique per worker and
/// <c>webhook-id</c> so a repeated delivery gets the first answer again, and the log entry of the email. Phase 2 marks it
/// processed in the same transaction as the statistics it adds, so an email is counted once whoever processes it.
/// </summary>
public sealed class InboundEmail
{
    private InboundEmail()
    {
    }

    public InboundEmail(Guid id, Guid tenantId, Guid workerId, string webhookId, InboundEmailFacts facts, InboundDecision decision, DateTime receivedAt)
    {
        Id = id;
        TenantId = tenantId;
        WorkerId = workerId;
        WebhookId = webhookId;
        Sender = facts.Sender;
        Recipient = facts.Recipient;
        Subject = facts.Subject;
        Action = decision.Action;
        RuleId = decision.RuleId;
        Target = decision.Target;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkerId { get; private set; }

    public string WebhookId { get; private set; } = "";

    public string Sender { get; private set; } = "";

    public string Recipient { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public InboundEmailAction Action { get; private set; }

    public Guid? RuleId { get; private set; }

    public string? Target { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>When phase 2 counted it; null until then.</summary>
    public DateTime? ProcessedAt { get; private set; }

    /// <summary>The phase-2 batch that counted it.</summary>
    public Guid? ProcessedBatch { get; private set; }

    /// <summary>The recovery round that took it up while nobody processed it, until when.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    public int RecoveryAttempts { get; private set; }

    public InboundDecision Decision => new(Action, RuleId, Target);
}

/// <summary>The answer of phase 1: what to do, which rule decided (none: the worker's default), and where to.</summary>
public sealed record InboundDecision(InboundEmailAction Action, Guid? RuleId, string? Target);

/// <summary>What rules look at in an email; header names are compared without case.</summary>
public sealed record InboundEmailFacts(string Sender, string Recipient, string Subject, IReadOnlyDictionary<string, string> Headers);
