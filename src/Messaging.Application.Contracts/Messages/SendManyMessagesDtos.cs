using Messaging.RateLimiting;

namespace Messaging.Messages;

/// <summary>Up to <see cref="MessageConsts.MaxSendManyItems"/> messages, each as the single send takes it.</summary>
public sealed class SendManyMessagesDto : IRateLimitedBatch
{
    public List<SendOneWayMessageDto?>? Messages { get; set; }

    int IRateLimitedBatch.RateLimitedItems => Messages?.Count ?? 0;
}

/// <summary>One result per message of the request, in the request's order.</summary>
public sealed record SendManyMessagesResultDto(int Accepted, int Rejected, IReadOnlyList<SendManyItemResultDto> Items);

/// <summary>
/// The outcome of the message at <see cref="Index"/>: its tracking id once it is stored, or the problem that kept it out.
/// Exactly one of <see cref="TrackingId"/> and <see cref="Problem"/> is set.
/// </summary>
public sealed record SendManyItemResultDto(
    int Index,
    Guid? TrackingId,
    MessageStatus? Status,
    DateTime? AcceptedAt,
    SendManyItemProblemDto? Problem);

/// <summary>
/// Why one message was not accepted, shaped like an RFC 7807 problem: the HTTP status a single send would have
/// answered, the stable error code, and for invalid messages the errors per field.
/// </summary>
public sealed record SendManyItemProblemDto(int Status, string Code, string Title, IReadOnlyDictionary<string, string[]>? Errors);
