using System.Reflection;
using NetArchTest.Rules;

namespace Messaging.ArchitectureTests;

/// <summary>A module reaches another only through its Application.Contracts or its events, never its internals.</summary>
public class ModuleBoundaryTests
{
    private static readonly string[] Modules = ["Messages", "TenantManagement", "EmailQueue", "Attachment", "Channel", "Identity"];

    /// <summary>Mechanisms every module may use; none of them may know a module.</summary>
    private static readonly HashSet<string> SharedFolders =
    [
        "Authentication", "Authorization", "BackgroundJobs", "Backplane", "Caching", "CircuitBreaking", "DbMigrations", "Diagnostics", "DistributedLocking", "Dtos",
        "EventBus", "ExceptionHandling", "FlowControl", "HealthChecks", "Http", "Idempotency", "Json", "Logging", "Management", "Migrations", "ModelBinding",
        "MultiTenancy", "OpenApi", "PostgreSql", "RabbitMq", "RateLimiting", "Redis", "Security", "ServerSentEvents", "Settings", "Sqlite", "SqlServer", "Threading",
        "Tracing", "Users"
    ];

    /// <summary>Namespace segments that name a layer, not a folder: <c>Messaging.Infrastructure.Redis</c> is the Redis folder.</summary>
    private static readonly HashSet<string> LayerPrefixes = ["EntityFrameworkCore", "Infrastructure", "ArchitectureTests"];

    private static readonly Assembly[] InternalLayers =
        [Layers.Domain, Layers.Application, Layers.EntityFrameworkCore, Layers.Infrastructure, Layers.HttpApi];

    public static TheoryData<string, string> ModulePairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var from in Modules)
        {
            foreach (var to in Modules.Where(to => to != from))
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void Module_DoesNotReachIntoAnotherModulesInternals(string from, string to)
    {
        var internals = InternalTypeNamesOf(to);
        if (internals.Length == 0)
        {
            return;
        }

        foreach (var assembly in InternalLayers.Append(Layers.HttpApiHost))
        {
            var result = Types.InAssembly(assembly)
                .That().ResideInNamespaceContaining($".{from}")
                .ShouldNot().HaveDependencyOnAny(internals)
                .GetResult();

            result.IsSuccessful.ShouldBeTrue(
                $"{from} reaches into {to}'s internals from {Layers.NameOf(assembly)}: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Fact]
    public void BoundaryRule_SeesDependenciesOnInternals()
    {
        // Guards the rule above against passing vacuously: within one module the same check must find dependencies.
        var result = Types.InAssembly(Layers.Application)
            .That().ResideInNamespace("Messaging.TenantManagement")
            .ShouldNot().HaveDependencyOnAny(InternalTypeNamesOf("TenantManagement"))
            .GetResult();

        result.IsSuccessful.ShouldBeFalse();
        result.FailingTypeNames.ShouldContain("Messaging.TenantManagement.TenantAppService");
    }

    [Fact]
    public void EveryTopFolder_IsAModuleOrASharedMechanism()
    {
        var unknown = Layers.All
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => TopFolderOf(type.Namespace))
            .OfType<string>()
            .Distinct()
            .Where(folder => !Modules.Contains(folder) && !SharedFolders.Contains(folder))
            .ToList();

        unknown.ShouldBeEmpty("A top folder is either a module (its own folder in every layer) or a shared mechanism any module may use");
    }

    [Fact]
    public void SharedFolders_NeverDependOnAModule()
    {
        var failing = Layers.All
            .SelectMany(assembly => SharedTypesDependingOnModules(assembly).Select(type => $"{type} ({Layers.NameOf(assembly)})"))
            .ToList();

        failing.ShouldBeEmpty("Shared code depends on a module: a mechanism other modules reuse cannot know one of them");
    }

    [Fact]
    public void SharedFolderRule_SeesAModuleDependency()
    {
        // Guards the rule above against passing vacuously: a shared type that uses a module's type must be caught.
        SharedTypesDependingOnModules(typeof(EventBus.SharedMechanismKnowingAModule).Assembly)
            .ShouldContain(typeof(EventBus.SharedMechanismKnowingAModule).FullName!);
    }

    /// <summary>The folder a namespace belongs to: its first segment after <c>Messaging</c> and the layer's own prefix, if any.</summary>
    public static string? TopFolderOf(string? ns)
    {
        if (ns is null || !ns.StartsWith("Messaging.", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = ns.Split('.').Skip(1).SkipWhile(segment => LayerPrefixes.Contains(segment)).ToArray();
        return segments.Length == 0 ? null : segments[0];
    }

    private static List<string> SharedTypesDependingOnModules(Assembly assembly)
    {
        var moduleTypes = Layers.All.Append(assembly).Distinct()
            .SelectMany(layer => layer.GetTypes())
            .Where(type => TopFolderOf(type.Namespace) is { } folder && Modules.Contains(folder))
            .Select(type => type.FullName!)
            .ToArray();
        var sharedNamespaces = assembly.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(ns => TopFolderOf(ns) is { } folder && SharedFolders.Contains(folder))
            .Distinct()
            .ToArray();
        return sharedNamespaces.Length == 0
            ? []
            : Types.InAssembly(assembly)
                .That().ResideInNamespaceMatching($"^({string.Join('|', sharedNamespaces.Select(System.Text.RegularExpressions.Regex.Escape))})$")
                .ShouldNot().HaveDependencyOnAny(moduleTypes)
                .GetResult().FailingTypeNames?.Where(name => !name.Contains('<')).ToList() ?? [];
    }

    private static string[] InternalTypeNamesOf(string module) =>
        InternalLayers
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Namespace is { } ns && (ns == $"Messaging.{module}" || ns.StartsWith($"Messaging.{module}.", StringComparison.Ordinal)
                || ns.EndsWith($".{module}", StringComparison.Ordinal)))
            .Where(type => !type.Name.StartsWith('<'))
            .Select(type => type.FullName!)
            .ToArray();
}
