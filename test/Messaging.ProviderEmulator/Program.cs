using Messaging.ProviderEmulator;
using Microsoft.Extensions.Configuration;

// dotnet run --project test/Messaging.ProviderEmulator -- --port 5090 --WhatsAppAccessToken token --SmsAccountSid AC1 --SmsAuthToken secret
var configuration = new ConfigurationBuilder().AddEnvironmentVariables("EMULATOR_").AddCommandLine(args).Build();
var options = configuration.Get<EmulatorOptions>() ?? new EmulatorOptions();
await using var emulator = await EmulatorServer.StartAsync(options, configuration.GetValue("port", 0), logToConsole: true);
Console.WriteLine($"Provider emulator listening on {emulator.BaseAddress}");

// The host's console lifetime turns SIGTERM and Ctrl+C into a shutdown; waiting for it lets the process end cleanly.
await emulator.WaitForShutdownAsync(CancellationToken.None);
