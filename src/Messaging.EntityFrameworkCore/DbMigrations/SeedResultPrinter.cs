namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>
/// Shows generated keys once, on the console of whoever started the first run. Deliberately not a log
/// line: logs are shipped and kept, and secrets must not be.
/// </summary>
public static class SeedResultPrinter
{
    public static void Print(SeedResult result, TextWriter output)
    {
        if (result.GeneratedHostAdminApiKey is null && result.GeneratedDemoTenantApiKey is null)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("==================================================================");
        output.WriteLine(" Generated API keys. They are stored hashed and shown only now.");
        if (result.GeneratedHostAdminApiKey is { } hostKey)
        {
            output.WriteLine($"   Host admin key:        {hostKey}");
        }

        if (result.GeneratedDemoTenantApiKey is { } demoKey)
        {
            output.WriteLine($"   Demo tenant key:       {demoKey}");
            output.WriteLine($"   Demo tenant id:        {result.DemoTenantId}");
        }

        output.WriteLine(" Send them in the X-Api-Key header.");
        output.WriteLine("==================================================================");
        output.WriteLine();
        output.Flush();
    }
}
