namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>
/// Shows generated keys and passwords once, on the console of whoever started the first run. Deliberately not a log
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
        output.WriteLine(" Generated API keys and passwords. They are stored hashed and shown only now.");
        var width = result.Generated.Max(seeded => seeded.Label.Length) + 2;
        foreach (var (label, value) in result.Generated)
        {
            output.WriteLine($"   {(label + ":").PadRight(width)}{value}");
        }

        output.WriteLine(" Send keys in the X-Api-Key header; sign in with the passwords at /account/login.");
        output.WriteLine("==================================================================");
        output.WriteLine();
        output.Flush();
    }
}
