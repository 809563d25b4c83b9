namespace Messaging.ProviderEmulator;

/// <summary>One request as the emulator saw and answered it.</summary>
public sealed record ReceivedRequest(
    string Provider,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? IdempotencyKey,
    int Status,
    string? ProviderMessageId,
    bool Duplicate,
    string? Signature,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Taken by the provider for the first time: what a person would count as "sent".</summary>
    public bool Accepted => Status is >= 200 and < 300 && !Duplicate;
}

/// <summary>Everything received, and the provider ids handed out per idempotency key, so a repeated send gets the same id once.</summary>
public sealed class ReceivedLog
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Dictionary<(string Provider, string Key), string> _idsByKey = [];

    public void Add(ReceivedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    /// <returns>The id given for the key before (a duplicate), or <paramref name="newId"/> now remembered for it.</returns>
    public (string ProviderMessageId, bool Duplicate) Claim(string provider, string? idempotencyKey, string newId)
    {
        if (idempotencyKey is null)
        {
            return (newId, false);
        }

        lock (_lock)
        {
            if (_idsByKey.TryGetValue((provider, idempotencyKey), out var existing))
            {
                return (existing, true);
            }

            _idsByKey[(provider, idempotencyKey)] = newId;
            return (newId, false);
        }
    }

    public IReadOnlyList<ReceivedRequest> For(string? provider)
    {
        lock (_lock)
        {
            return _requests.Where(r => provider is null || r.Provider == provider).ToList();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
            _idsByKey.Clear();
        }
    }
}
