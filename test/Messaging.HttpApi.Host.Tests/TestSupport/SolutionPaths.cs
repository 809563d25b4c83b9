namespace Messaging.TestSupport;

/// <summary>
/// Finds the built host and migrator next to this test build (same configuration), or the host named by
/// <c>MESSAGING_TEST_HOST_DLL</c>: etc/scripts/test.sh publishes it ReadyToRun, so the suite's many host starts JIT less.
/// </summary>
public static class SolutionPaths
{
    public static string Root { get; } = FindRoot();

    private static string Configuration { get; } =
        AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar).SkipWhile(part => part != "bin").Skip(1).First();

    public static string HostDll =>
        Environment.GetEnvironmentVariable("MESSAGING_TEST_HOST_DLL") is { Length: > 0 } published ? published : Built("Messaging.HttpApi.Host");

    public static string DbMigratorDll => Built("Messaging.DbMigrator");

    private static string Built(string project)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first; expected {path}");
    }

    private static string FindRoot()
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
