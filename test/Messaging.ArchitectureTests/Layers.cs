using System.Reflection;

namespace Messaging.ArchitectureTests;

/// <summary>The solution's assemblies, one per layer, found through a type each one owns.</summary>
public static class Layers
{
    public static readonly Assembly DomainShared = typeof(Messages.MessageChannel).Assembly;
    public static readonly Assembly Domain = typeof(Messages.Message).Assembly;
    public static readonly Assembly ApplicationContracts = typeof(Messages.IMessageAppService).Assembly;
    public static readonly Assembly Application = typeof(Messages.MessageAppService).Assembly;
    public static readonly Assembly EntityFrameworkCore = typeof(EntityFrameworkCore.MessagingDbContext).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.MessagingInfrastructureModule).Assembly;
    public static readonly Assembly HttpApi = typeof(Messages.MessageController).Assembly;
    public static readonly Assembly HttpApiClient = typeof(Messages.MessageApiClient).Assembly;
    public static readonly Assembly HttpApiHost = typeof(Program).Assembly;

    public static readonly Assembly[] All =
        [DomainShared, Domain, ApplicationContracts, Application, EntityFrameworkCore, Infrastructure, HttpApi, HttpApiClient, HttpApiHost];

    public static IReadOnlyList<string> MessagingReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("Messaging", StringComparison.Ordinal))
            .Order()
            .ToList();

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;
}
