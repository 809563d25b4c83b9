using System.Reflection;
using System.Xml.Linq;

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

    // Its only type is the top-level program, which is internal.
    public static readonly Assembly DbMigrator = Assembly.Load("Messaging.DbMigrator");

    public static readonly Assembly[] All =
        [DomainShared, Domain, ApplicationContracts, Application, EntityFrameworkCore, Infrastructure, HttpApi, HttpApiClient, HttpApiHost, DbMigrator];

    public static IReadOnlyList<string> MessagingReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("Messaging", StringComparison.Ordinal))
            .Order()
            .ToList();

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>The projects under <c>src</c>, by project name, with their project files.</summary>
    public static IReadOnlyDictionary<string, string> SourceProjects { get; } =
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetFileNameWithoutExtension(file), StringComparer.Ordinal);

    /// <summary>The projects a project file references, by project name.</summary>
    public static IReadOnlyList<string> ProjectReferencesOf(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order()
            .ToList();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Messaging.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Messaging.sln not found above the test output folder.");
    }
}
