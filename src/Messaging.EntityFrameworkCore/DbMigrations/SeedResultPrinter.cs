namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>
/// Shows generated keys once, on the console of whoever started the first run. Deliberately not a log
/// line: logs are shipped and kept, and secrets must not be.
/// </summary>
public static class SeedResultPrinter
{
    public static void Print(SeedResult result, TextWriter output)
    {
        if (result.Generated.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("==================================================================");
        output.WriteLine(" Generated API keys. They are stored hashed and shown only now.");
        foreach (var (label, value) in result.Generated)
        {
            output.WriteLine($"   {label + ":",-23}{value}");
        }

        output.WriteLine(" Send them in the X-Api-Key header.");
        output.WriteLine("==================================================================");
        output.WriteLine();
        output.Flush();
    }
}
