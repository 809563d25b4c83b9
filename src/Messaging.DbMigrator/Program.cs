using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.TenantManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Applies migrations and seeds for whatever ConnectionStrings:Default names, then exits.
var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddMessagingEntityFrameworkCore(builder.Configuration)
    .AddTenantManagementEntityFrameworkCore(builder.Configuration)
    .AddMessagesEntityFrameworkCore(builder.Configuration);
using var host = builder.Build();

var seeded = await host.Services.GetRequiredService<MessagingDbMigrationService>().MigrateAndSeedAsync(CancellationToken.None);
SeedResultPrinter.Print(seeded, Console.Out);
Console.WriteLine("Database migrated and seeded.");
