using System.Text.Json;
using Messaging.ServerSentEvents;

namespace Messaging.Channel;

/// <summary>How channels appear in the SSE hub: one topic per channel, a <c>message</c> event per post, its sequence as the event id.</summary>
public static class ChannelEvents
{
    public const string TopicKind = "channel";
    public const string MessageEvent = "message";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SseTopic Topic(Guid tenantId, Guid channelId) => new(tenantId, $"{TopicKind}:{channelId:N}");

    public static bool TryReadChannelId(SseTopic topic, out Guid channelId) =>
        Guid.TryParseExact(topic.Key.AsSpan(TopicKind.Length + 1), "N", out channelId) && topic.Kind == TopicKind;

    public static ServerSentEvent Message(ChannelMessage message) =>
        new(MessageEvent, JsonSerializer.Serialize(ChannelMapping.ToDto(message), Json), message.Sequence);
}
