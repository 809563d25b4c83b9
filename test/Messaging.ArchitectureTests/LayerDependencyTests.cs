using System.Reflection;
using NetArchTest.Rules;

namespace Messaging.ArchitectureTests;

public class LayerDependencyTests
{
    private static readonly string[] Frameworks =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Hangfire", "RabbitMQ", "StackExchange.Redis", "Polly"];

    private const string DomainShared = "Messaging.Domain.Shared";
    private const string Domain = "Messaging.Domain";
    private const string ApplicationContracts = "Messaging.Application.Contracts";
    private const string Application = "Messaging.Application";
    private const string EntityFrameworkCore = "Messaging.EntityFrameworkCore";
    private const string Infrastructure = "Messaging.Infrastructure";
    private const string HttpApi = "Messaging.HttpApi";
    private const string HttpApiClient = "Messaging.HttpApi.Client";
    private const string HttpApiHost = "Messaging.HttpApi.Host";
    private const string DbMigrator = "Messaging.DbMigrator";

    /// <summary>Every project under src and what it may reference; adapters (Infrastructure, EF Core) see only the domain.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [DomainShared] = [],
        [Domain] = [DomainShared],
        [ApplicationContracts] = [DomainShared],
        [Application] = [ApplicationContracts, Domain, DomainShared],
        [EntityFrameworkCore] = [Domain, DomainShared],
        [Infrastructure] = [Domain, DomainShared],
        [HttpApi] = [ApplicationContracts, DomainShared],
        [HttpApiClient] = [ApplicationContracts, DomainShared],
        [DbMigrator] = [EntityFrameworkCore, Domain, DomainShared],
        // The composition root: the only project that sees every layer.
        [HttpApiHost] = [DomainShared, Domain, ApplicationContracts, Application, EntityFrameworkCore, Infrastructure, HttpApi]
    };

    public static TheoryData<string, string[]> AllowedReferences()
    {
        var rows = new TheoryData<string, string[]>();
        foreach (var (layer, allowed) in Allowed)
        {
            rows.Add(layer, allowed);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Layer_ReferencesOnlyTheLayersBeneathIt(string layer, string[] allowed)
    {
        var assembly = Layers.All.Single(a => Layers.NameOf(a) == layer);

        ReferencesOutside(Layers.MessagingReferencesOf(assembly), allowed).ShouldBeEmpty();
    }

    /// <summary>
    /// The compiler leaves out a referenced project whose types are not used yet; the project file still lets the
    /// next change use them, so it is checked too.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void ProjectFile_ReferencesOnlyTheLayersBeneathIt(string layer, string[] allowed)
    {
        ReferencesOutside(Layers.ProjectReferencesOf(Layers.SourceProjects[layer]), allowed).ShouldBeEmpty();
    }

    [Fact]
    public void EverySourceProject_HasItsAllowedReferences()
    {
        Layers.SourceProjects.Keys.ShouldBe(Allowed.Keys, ignoreOrder: true);
        Layers.All.Select(Layers.NameOf).ShouldBe(Allowed.Keys, ignoreOrder: true);
    }

    [Fact]
    public void ReferenceRule_FindsAReferenceOutsideTheAllowedLayers()
    {
        // Guards the rules above against passing vacuously: the host's references, held to what Infrastructure may
        // see, must break them, both as compiled and as the project file says.
        ReferencesOutside(Layers.MessagingReferencesOf(Layers.HttpApiHost), Allowed[Infrastructure]).ShouldContain(Application);
        ReferencesOutside(Layers.ProjectReferencesOf(Layers.SourceProjects[HttpApiHost]), Allowed[Infrastructure]).ShouldContain(Application);
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

    private static List<string> ReferencesOutside(IEnumerable<string> references, string[] allowed) =>
        references.Except(allowed, StringComparer.Ordinal).ToList();

    private static void AssertNoDependency(Assembly assembly, string[] namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();

        result.IsSuccessful.ShouldBeTrue(
            $"{Layers.NameOf(assembly)} depends on a framework it must not know: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
