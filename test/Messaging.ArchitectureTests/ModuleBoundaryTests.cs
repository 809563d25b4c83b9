using System.Reflection;
using NetArchTest.Rules;

namespace Messaging.ArchitectureTests;

/// <summary>A module reaches another only through its Application.Contracts or its events, never its internals.</summary>
public class ModuleBoundaryTests
{
    private static readonly string[] Modules = ["Messages", "TenantManagement", "EmailQueue", "Attachment", "Channel"];

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
    public void EveryModuleFolder_IsOneOfTheKnownModules()
    {
        var known = Modules.Concat(["MultiTenancy", "BackgroundJobs", "ExceptionHandling", "Authorization", "Authentication",
            "EntityFrameworkCore", "Infrastructure", "Logging", "HealthChecks", "DbMigrations", "Sqlite", "PostgreSql", "SqlServer", "Migrations",
            "Ingestion", "Caching", "DistributedLocking", "Backplane", "Redis", "RabbitMq", "EventBus", "EventHandlers", "Events", "Tracing",
            "Threading", "CircuitBreaking", "Delivery", "Dispatch", "Http", "RateLimiting",
            "Settings", "FlowControl", "Users", "Providers", "Security", "Receipts", "Callbacks", "Management",
            "Feed", "Json", "ModelBinding", "OpenApi", "WhatsApp", "Twilio", "Webhook", "Sandbox"]).ToHashSet();
        var folders = Layers.All
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => type.Namespace)
            .Where(ns => ns is not null && ns.StartsWith("Messaging.", StringComparison.Ordinal))
            .SelectMany(ns => ns!.Split('.').Skip(1))
            .Distinct()
            .Where(segment => !known.Contains(segment))
            .ToList();

        folders.ShouldBeEmpty("Namespaces should be module folders or shared infrastructure folders");
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
