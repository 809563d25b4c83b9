namespace Messaging.EmailQueue;

/// <summary>Delivery of email events: <c>EmailQueue</c> in the configuration.</summary>
public sealed class EmailQueueOptions
{
    public const string SectionName = "EmailQueue";

    /// <summary>Attempts that may fail before an event is dead-lettered (throttled attempts do not count).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>An event still failing this long after it was accepted is dead-lettered instead of retried.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long to wait after a server throttled us (421, 451).</summary>
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one SMTP conversation may take, connection included.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open SMTP connection may wait unused for the next email before it is closed.</summary>
    public TimeSpan SmtpConnectionIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Emails sent over one SMTP connection before it is closed and a fresh one opened (servers limit this too).</summary>
    public int SmtpMessagesPerConnection { get; set; } = 100;

    public int BatchSize { get; set; } = 50;

    public int MaxConcurrentSends { get; set; } = 8;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The sender of tenants that configured none.</summary>
    public string DefaultFrom { get; set; } = "no-reply@messaging.localhost";

    /// <summary>
    /// The SMTP server of the host's own mail (host accounts' emails); without it that mail goes to the pickup folder,
    /// as a tenant's without a server does. Its password belongs in a secret store or the environment.
    /// </summary>
    public HostSmtpOptions? HostSmtp { get; set; }

    /// <summary>Where tenants without an SMTP server have their mail written as <c>.eml</c> files; relative to the working folder.</summary>
    public string PickupFolder { get; set; } = ".data/mail-pickup";

    /// <summary>Sent and suppressed events are deleted with their attempts this long after they finished.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Dead letters are deleted with their attempts this long after they were dead-lettered.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most dead letters one tenant keeps: beyond it, the oldest are deleted.</summary>
    public int DeadLetterCap { get; set; } = 100_000;

    /// <summary>Events per second a replay of several dead letters is paced at when the admin names no rate.</summary>
    public double DeadLetterReplayRate { get; set; } = 10;

    /// <summary>The highest replay rate an admin may choose, in events per second.</summary>
    public double MaxDeadLetterReplayRate { get; set; } = 100;

    /// <summary>Versions of one template a tenant keeps; saving beyond it deletes the oldest that is not active.</summary>
    public int MaxTemplateVersions { get; set; } = 20;

    /// <summary>Readiness reports degraded while the oldest unfinished event is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Entries replacing or adding to the built-in classification: a reply code (<c>451</c>, <c>4xx</c>) or enhanced code (<c>5.7.26</c>) to a class.</summary>
    public Dictionary<string, EmailErrorClass> Classification { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Added to a claim beyond its round of sends, for rendering, the commit after the server's answer and clocks that
    /// differ between instances. A shorter margin lets another instance take a dead one's events over sooner.
    /// </summary>
    public TimeSpan ClaimMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for a whole round of sends to time out one after another, so an instance still sending is never taken over.</summary>
    public TimeSpan ClaimDuration =>
        SendTimeout * Math.Ceiling(BatchSize / (double)Math.Max(MaxConcurrentSends, 1)) + ClaimMargin;

    public bool IsValid => MaxAttempts >= 1 && MaxAge > TimeSpan.Zero && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay
        && ThrottleDelay > TimeSpan.Zero && SendTimeout > TimeSpan.Zero && ClaimMargin > TimeSpan.Zero && SmtpConnectionIdleTime >= TimeSpan.Zero && SmtpMessagesPerConnection >= 1
        && BatchSize >= 1 && MaxConcurrentSends >= 1
        && PollInterval > TimeSpan.Zero && DegradedAfter > TimeSpan.Zero && Retention > TimeSpan.Zero
        && DeadLetterRetention > TimeSpan.Zero && DeadLetterCap >= 1 && MaxTemplateVersions >= 1 && MaxDeadLetterReplayRate > 0 && DeadLetterReplayRate > 0
        && DeadLetterReplayRate <= MaxDeadLetterReplayRate && !string.IsNullOrWhiteSpace(DefaultFrom) && !string.IsNullOrWhiteSpace(PickupFolder)
        && (HostSmtp is null || HostSmtp.IsValid);
}

/// <summary><c>EmailQueue:HostSmtp</c>: where the host's own mail is sent.</summary>
public sealed class HostSmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender; <see cref="EmailQueueOptions.DefaultFrom"/> when left out.</summary>
    public string? From { get; set; }

    public bool IsValid => !string.IsNullOrWhiteSpace(Host) && Port is > 0 and <= 65535;

    public SmtpEndpoint ToEndpoint() => new(Host, Port, TlsMode, UserName, Password, From);
}
