using System.Runtime;
using Messaging.LoadGenerator;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

Console.WriteLine($"Load generator: {options.Mode.ToString().ToLowerInvariant()} model against {options.Url} " +
    $"(server GC {GCSettings.IsServerGC}, {Environment.ProcessorCount} cores)");

var result = options.Mode == LoadMode.Open
    ? await new OpenModelRun(options).RunAsync()
    : await new ClosedModelRun(options).RunAsync();

result.PrintSummary(Console.Out);
Console.WriteLine("RESULT " + result.ToJson());
return 0;
