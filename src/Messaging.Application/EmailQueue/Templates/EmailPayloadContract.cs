using System.Collections;
using System.Reflection;
using System.Text.Json;
using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue.Templates;

/// <summary>
/// The variables a template of one event type may use: the members of its payload contract by their JSON names, with
/// the members of list items (an order's <c>items</c>). It also turns a payload into the values a template sees.
/// </summary>
public sealed class EmailPayloadContract
{
    private static readonly JsonNamingPolicy Names = JsonNamingPolicy.CamelCase;
    private static readonly Dictionary<EmailEventType, EmailPayloadContract> Contracts =
        Enum.GetValues<EmailEventType>().ToDictionary(type => type, type => new EmailPayloadContract(EmailPayload.ContractOf(type)));

    private EmailPayloadContract(Type contract)
    {
        Members = MembersOf(contract).ToDictionary(member => member.Name, member => member.ItemMembers, StringComparer.Ordinal);
    }

    /// <summary>Each member's name, and the names of its items' members when it is a list of records (otherwise null).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>?> Members { get; }

    public static EmailPayloadContract Of(EmailEventType type) => Contracts[type];

    /// <summary>The payload's values by JSON name: text, numbers and times as they are, lists of records as lists of dictionaries.</summary>
    public static IReadOnlyDictionary<string, object?> ValuesOf(EmailPayload payload) => Values(payload);

    private static Dictionary<string, object?> Values(object record) =>
        Properties(record.GetType()).ToDictionary(property => Names.ConvertName(property.Name), property => Value(property.GetValue(record)), StringComparer.Ordinal);

    private static object? Value(object? value) => value switch
    {
        null or string or DateTime or decimal or int or bool => value,
        IEnumerable list => list.Cast<object?>().Select(item => item is null ? null : (object)Values(item)).ToList(),
        _ => Values(value)
    };

    private static IEnumerable<(string Name, IReadOnlySet<string>? ItemMembers)> MembersOf(Type contract) =>
        Properties(contract).Select(property => (Names.ConvertName(property.Name), ItemType(property.PropertyType) is { } item
            ? (IReadOnlySet<string>?)Properties(item).Select(member => Names.ConvertName(member.Name)).ToHashSet(StringComparer.Ordinal)
            : null));

    private static Type? ItemType(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;

    // The event type is what the template is for, not what the payload carries.
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.Name != nameof(EmailPayload.Type) && property.GetIndexParameters().Length == 0);
}
