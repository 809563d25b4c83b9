using System.Reflection;
using NetArchTest.Rules;

namespace Messaging.ArchitectureTests;

public class LayerDependencyTests
{
    private static readonly string[] Frameworks =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "RabbitMQ", "StackExchange.Redis", "Polly"];

    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Messaging.Domain.Shared", [] },
        { "Messaging.Domain", ["Messaging.Domain.Shared"] },
        { "Messaging.Application.Contracts", ["Messaging.Domain.Shared"] },
        { "Messaging.Application", ["Messaging.Application.Contracts", "Messaging.Domain", "Messaging.Domain.Shared"] },
        { "Messaging.EntityFrameworkCore", ["Messaging.Domain", "Messaging.Domain.Shared"] },
        { "Messaging.HttpApi", ["Messaging.Application.Contracts", "Messaging.Domain.Shared"] },
        { "Messaging.HttpApi.Client", ["Messaging.Application.Contracts", "Messaging.Domain.Shared"] }
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Layer_ReferencesOnlyTheLayersBeneathIt(string layer, string[] allowed)
    {
        var assembly = Layers.All.Single(a => Layers.NameOf(a) == layer);

        Layers.MessagingReferencesOf(assembly).ShouldBeSubsetOf(allowed);
    }

    [Fact]
    public void Domain_KnowsNoFrameworkForStorageWebJobsOrMessaging()
    {
        AssertNoDependency(Layers.Domain, Frameworks);
        AssertNoDependency(Layers.DomainShared, Frameworks);
    }

    [Fact]
    public void ApplicationContracts_KnowNoFrameworkBeyondTheBaseLibrary()
    {
        AssertNoDependency(Layers.ApplicationContracts, Frameworks);
    }

    [Fact]
    public void Application_DoesNotTalkToStorageOrTransportDirectly()
    {
        AssertNoDependency(Layers.Application, ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "RabbitMQ", "StackExchange.Redis"]);
    }

    [Fact]
    public void Controllers_LiveInHttpApiAndOnlyThere()
    {
        var controllersElsewhere = Layers.All
            .Where(assembly => assembly != Layers.HttpApi)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Name.EndsWith("Controller", StringComparison.Ordinal) && !type.IsAbstract)
            .Select(type => type.FullName)
            .ToList();

        controllersElsewhere.ShouldBeEmpty();
    }

    [Fact]
    public void AppServiceInterfaces_AreImplementedInApplication()
    {
        var contracts = Layers.ApplicationContracts.GetTypes()
            .Where(type => type.IsInterface && type.Name.EndsWith("AppService", StringComparison.Ordinal));

        foreach (var contract in contracts)
        {
            Layers.Application.GetTypes().ShouldContain(type => contract.IsAssignableFrom(type) && !type.IsInterface,
                $"{contract.Name} has no implementation in Messaging.Application");
        }
    }

    private static void AssertNoDependency(Assembly assembly, string[] namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();

        result.IsSuccessful.ShouldBeTrue(
            $"{Layers.NameOf(assembly)} depends on a framework it must not know: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
