namespace Messaging;

public sealed class MessagingClientOptions
{
    /// <summary>Where the Messaging host listens, e.g. https://messaging.example.com/.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key sent in the X-Api-Key header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Attempts after the first for 429, 503, 5xx and network failures.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The longest the client waits between attempts, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
