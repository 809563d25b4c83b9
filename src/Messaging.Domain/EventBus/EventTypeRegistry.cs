using System.Reflection;

namespace Messaging.EventBus;

/// <summary>Maps integration event types to their stable wire names and back.</summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public EventTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract))
        {
            var name = type.GetCustomAttribute<EventNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.FullName} needs an [EventName] so its wire name survives renames.");
            if (!_byName.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Event name '{name}' is used by {_byName[name].FullName} and {type.FullName}.");
            }

            _byType[type] = name;
        }
    }

    public IEnumerable<Type> EventTypes => _byType.Keys;

    public string NameOf(Type eventType) =>
        _byType.TryGetValue(eventType, out var name) ? name : throw new InvalidOperationException($"{eventType.FullName} is not a known event.");

    public Type? TypeOf(string eventName) => _byName.GetValueOrDefault(eventName);
}
