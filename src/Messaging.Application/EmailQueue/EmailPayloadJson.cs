using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.EmailQueue.Payloads;
using Messaging.ExceptionHandling;
using Messaging.Json;

namespace Messaging.EmailQueue;

/// <summary>
/// A payload between the wire, its contract type and the stored event: one reading for publishing and for a dead
/// letter's corrected replay, so both refuse the same input with the same field names.
/// </summary>
public static class EmailPayloadJson
{
    private static readonly JsonSerializerOptions WireJson =
        MessagingJson.RefuseUnsafeText(MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>The payload as the contract of its type; what does not fit that contract is a 400 naming the field.</summary>
    public static EmailPayload Read(EmailEventType type, JsonObject payload)
    {
        try
        {
            return (EmailPayload)payload.Deserialize(EmailPayload.ContractOf(type), WireJson)!;
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 1 } path ? "payload" + path[1..] : "payload";
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                [field] = [$"This value does not fit the {type} payload contract."]
            });
        }
    }

    /// <summary>The payload as the event stores it.</summary>
    public static string Store(EmailPayload payload) => JsonSerializer.Serialize(payload, payload.GetType(), StoredJson);

    public static EmailPayload Load(EmailEventType type, string payloadJson) =>
        (EmailPayload)JsonSerializer.Deserialize(payloadJson, EmailPayload.ContractOf(type), StoredJson)!;
}
