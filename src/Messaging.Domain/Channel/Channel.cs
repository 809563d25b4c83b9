namespace Messaging.Channel;

/// <summary>
/// A named stream of messages inside a tenant (orders, a support room, a device feed). It numbers its messages:
/// <see cref="LastSequence"/> is a concurrency token, so two posts racing on one channel cannot take the same number.
/// </summary>
public sealed class Channel
{
    private List<string> _tags = [];

    private Channel()
    {
    }

    public static Channel Create(Guid tenantId, string name, string? description, IEnumerable<string> tags, string? createdBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Name = name,
        Description = description,
        _tags = tags.ToList(),
        CreatedBy = createdBy,
        CreatedAt = now,
        UpdatedAt = now
    };

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public IReadOnlyList<string> Tags => _tags;

    /// <summary>The API key's or the user's name that created it.</summary>
    public string? CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public bool IsArchived { get; private set; }

    /// <summary>The sequence of the last message posted; the next one gets one more.</summary>
    public long LastSequence { get; private set; }

    public DateTime? LastMessageAt { get; private set; }

    public void Update(string name, string? description, IEnumerable<string> tags, bool isArchived, DateTime now)
    {
        Name = name;
        Description = description;
        _tags = tags.ToList();
        IsArchived = isArchived;
        UpdatedAt = now;
    }

    /// <summary>Numbers a new message; refused while archived.</summary>
    public ChannelMessage Post(string content, string? postedBy, DateTime now, Guid? delayedMessageId = null)
    {
        if (IsArchived)
        {
            throw new ChannelArchivedException(Id);
        }

        LastSequence++;
        LastMessageAt = now;
        return ChannelMessage.Create(this, LastSequence, content, postedBy, now, delayedMessageId);
    }
}
