using System.Text.Json;
using Messaging.Authentication;
using Messaging.Management;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.HealthChecks;

/// <summary>
/// Health answers for probes: each check's name and status. Descriptions and data (sizes, limits, versions, what
/// failed) are internals, shown only in Development, on the management port, or to the host admin key.
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var detailed = ShowsDetails(context);
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => detailed
                    ? new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }
                    : (object)new { status = entry.Value.Status.ToString() })
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static bool ShowsDetails(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
        || ManagementEndpoints.IsOnManagementPort(context)
        || context.User.HasClaim(MessagingClaims.Role, MessagingClaims.HostAdminRole);
}
