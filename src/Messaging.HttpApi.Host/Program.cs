using System.Text.Json.Serialization;
using Hangfire;
using Messaging;
using Messaging.Attachment;
using Messaging.Authentication;
using Messaging.Authorization;
using Messaging.BackgroundJobs;
using Messaging.Channel;
using Messaging.CircuitBreaking;
using Messaging.EmailQueue;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EventBus;
using Messaging.FlowControl;
using Messaging.HealthChecks;
using Messaging.Http;
using Messaging.Identity;
using Messaging.Infrastructure;
using Messaging.Infrastructure.Redis;
using Messaging.Logging;
using Messaging.Management;
using Messaging.Messages;
using Messaging.MultiTenancy;
using Messaging.OpenApi;
using Messaging.RateLimiting;
using Messaging.Security;
using Messaging.TenantManagement;
using Messaging.Tracing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

// Settings live next to the binary, whatever folder the process starts in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
Metrics.ConfigureMeterAdapter(adapter =>
{
    // Our instruments, Kestrel's connection gauges and the runtime's; the framework's per-request meters
    // duplicate the request metrics UseHttpMetrics exports, and adapting them cost a tenth of the hot path's CPU.
    adapter.InstrumentFilterPredicate = instrument => PrometheusBuckets.IsExported(instrument.Meter.Name);
    adapter.ResolveHistogramBuckets = PrometheusBuckets.FromAdvice;
});
var configuration = builder.Configuration;
var roles = HostRoles.From(configuration);
SqliteThreadPool.Prepare(configuration);

builder.Services
    .AddMultiTenancy()
    .AddFlowControl()
    .AddRateLimiting()
    .AddEventBus(configuration, roles.RunsJobs)
    .AddCircuitBreaking(roles.RunsJobs)
    .AddTenantManagementModule(configuration, roles)
    .AddIdentityModule(configuration, roles)
    .AddMessagesModule(configuration, roles)
    .AddEmailQueueModule(configuration, roles)
    .AddAttachmentModule(configuration, roles)
    .AddChannelModule(configuration, roles)
    .AddMessagingEntityFrameworkCore(configuration)
    .AddMessagingInfrastructure(configuration, roles.RunsJobs)
    .AddMessagingAuthentication()
    .AddMessagingForwardedHeaders(configuration)
    .AddRequestBodyLimit(configuration)
    .AddMessagingTracing(configuration);

builder.Services.AddControllers(mvc => mvc.Filters.Add<ItemRateLimitFilter>()).AddMessagingHttpApi();
// MVC reads and writes with MessagingJson's strict converters. Problem documents and the OpenAPI schemas are written
// with these options, whose built-in converters the schema exporter can describe: the same wire format (the contract
// tests send every documented enum and string to prove they agree).
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
});
builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    if (context.HttpContext.Items[CorrelationIdMiddleware.ItemKey] is string correlationId)
    {
        context.ProblemDetails.Extensions["correlationId"] = correlationId;
    }
});
builder.Services.AddMessagingOpenApi();
var healthChecks = builder.Services.AddHealthChecks()
    .AddDbContextCheck<MessagingDbContext>("database", tags: ["ready"])
    .AddCheck<MemoryHealthCheck>("memory", tags: ["ready"])
    .AddCheck<QueryPerformanceHealthCheck>("database-queries", tags: ["ready"]);
if (MessagingInfrastructureModule.UsesRedis(configuration))
{
    healthChecks.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
}
builder.Services.Configure<HostOptions>(host =>
    host.ShutdownTimeout = configuration.GetValue("Host:ShutdownTimeout", TimeSpan.FromSeconds(30)));

builder.AddManagementUrls();

var app = builder.Build();

app.EnsureKeyRingIsProtected();
// prometheus-net starts listening to .NET meters at its first collection; collect once now so connections and
// instruments created before the first scrape are counted.
await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null);
if (configuration.GetValue("Database:MigrateOnStart", true))
{
    var seeded = await app.Services.GetRequiredService<MessagingDbMigrationService>().MigrateAndSeedAsync(app.Lifetime.ApplicationStopping);
    SeedResultPrinter.Print(seeded, Console.Out);
}

if (roles.RunsJobs)
{
    app.Services.ScheduleRecurringJobs();
}

app.Logger.LogInformation("Starting as role {Role}", roles);

app.UseMessagingForwardedHeaders();
// Outermost (but for the client's address), so request metrics see the status code the exception handler chose.
app.UseHttpMetrics();
app.UseMiddleware<CorrelationIdMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseManagementPort();
app.UseAdminUi();
app.UseAuthentication();
app.UseMessagesModule();
app.UseEmailQueueModule();
app.UseMiddleware<CurrentTenantMiddleware>();
app.UseAuthorization();
app.UseMiddleware<MemoryFlowControlMiddleware>();
app.UseMiddleware<TenantRateLimitMiddleware>();

if (roles.AcceptsRequests)
{
    app.MapControllers();
    app.MapIdentityModule();
    app.MapChannelModule();
    app.MapAttachmentModule();
}

if (roles.RunsJobs)
{
    app.MapHangfireDashboard("/hangfire", new DashboardOptions
    {
        AsyncAuthorization = [new HangfireDashboardAuthorization()],
        DisplayStorageConnectionString = false
    }).RequireAuthorization(MessagingPolicies.HostAdmin);
}
app.MapManagementEndpoints();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
    .AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResponseWriter = HealthResponseWriter.WriteAsync,
    ResultStatusCodes =
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable
    }
}).AllowAnonymous();
app.MapUnknownRoutesToNotFound();

await app.RunAsync();

/// <summary>Entry point, visible to the tests that start the host.</summary>
public partial class Program;
