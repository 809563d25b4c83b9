using System.Reflection;
using System.Runtime.CompilerServices;
using Messaging.ArchitectureTests.DomainRuleViolations;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EventBus;
using Messaging.Messages;
using Messaging.Messages.Events;
using Messaging.TenantManagement;

namespace Messaging.ArchitectureTests;

/// <summary>
/// The domain model's own rules: an event states what happened, so it is a record whose values are set once; an entity
/// changes only through its own methods, which keep its invariants, so nothing outside it sets its state.
/// </summary>
public class DomainRuleTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    [Fact]
    public void Events_AreImmutableRecords()
    {
        var events = EventTypesIn(Layers.All);
        events.ShouldContain(typeof(IntegrationEvent));
        events.ShouldContain(typeof(MessageAcceptedEto));

        MutabilityOf(events).ShouldBeEmpty("An event is a record whose values are set when it is raised (init), never after");
    }

    [Fact]
    public void EventRule_SeesMutableEvents()
    {
        // Guards the rule above against passing vacuously: an event with a setter and one that is no record must be caught.
        var failing = MutabilityOf(EventTypesIn([typeof(ChangeableEto).Assembly]));

        failing.ShouldBe([$"{typeof(ChangeableEto)}.{nameof(ChangeableEto.Reason)} can be set after it was raised", $"{typeof(ClassEto)} is not a record"],
            ignoreOrder: true);
    }

    [Fact]
    public void Entities_HaveNoPublicSetters()
    {
        var entities = DomainEntityTypes();
        entities.ShouldContain(typeof(Message));
        entities.ShouldContain(typeof(Tenant));
        entities.ShouldContain(typeof(InboxRecord));

        PublicSettersOf(entities).ShouldBeEmpty("An entity's state changes through its methods only: setters are private, protected or init");
    }

    [Fact]
    public void EntityRule_SeesAPublicSetter()
    {
        // Guards the rule above against passing vacuously: a setter anyone may call must be caught.
        PublicSettersOf([typeof(EntityWithPublicSetter)])
            .ShouldBe([$"{typeof(EntityWithPublicSetter)}.{nameof(EntityWithPublicSetter.Status)}"]);
    }

    /// <summary>Events are the <see cref="IntegrationEvent"/> records and whatever else is named as one (an ABP "Eto").</summary>
    private static List<Type> EventTypesIn(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(assembly => assembly.GetTypes())
            .Where(type => !type.IsInterface && !type.Name.StartsWith('<'))
            .Where(type => typeof(IntegrationEvent).IsAssignableFrom(type) || type.Name.EndsWith("Eto", StringComparison.Ordinal))
            .ToList();

    /// <summary>Entities are the domain's classes that the database context maps.</summary>
    private static List<Type> DomainEntityTypes()
    {
        using var context = new SqliteMessagingDbContextFactory().CreateDbContext([]);
        return context.Model.GetEntityTypes()
            .Select(entity => entity.ClrType)
            .Where(type => type.Assembly == Layers.Domain)
            .Distinct()
            .ToList();
    }

    private static List<string> MutabilityOf(IEnumerable<Type> events) =>
        events.Where(type => !IsRecord(type)).Select(type => $"{type} is not a record")
            .Concat(PublicSettersOf(events).Select(member => $"{member} can be set after it was raised"))
            .ToList();

    /// <summary>Properties and fields that code outside the type and its subclasses may write after construction (init is construction).</summary>
    private static List<string> PublicSettersOf(IEnumerable<Type> types) =>
        types.SelectMany(type => type.GetProperties(Instance)
                .Where(property => property.SetMethod is { } setter && IsVisibleOutside(setter) && !IsInitOnly(setter))
                .Select(property => $"{type}.{property.Name}")
                .Concat(type.GetFields(Instance)
                    .Where(field => !field.IsInitOnly && !field.IsLiteral && (field.IsPublic || field.IsAssembly || field.IsFamilyOrAssembly))
                    .Select(field => $"{type}.{field.Name}")))
            .ToList();

    private static bool IsVisibleOutside(MethodInfo setter) => setter.IsPublic || setter.IsAssembly || setter.IsFamilyOrAssembly;

    private static bool IsInitOnly(MethodInfo setter) => setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    /// <summary>The compiler gives every record, and nothing else, its own <c>EqualityContract</c>.</summary>
    private static bool IsRecord(Type type) =>
        type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } contract
        && contract.GetMethod?.GetCustomAttribute<CompilerGeneratedAttribute>() is not null;
}
