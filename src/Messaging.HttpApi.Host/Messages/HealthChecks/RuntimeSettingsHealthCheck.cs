using Messaging.Messages.Settings;
using Messaging.Settings;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Messaging.Messages.HealthChecks;

/// <summary>
/// Unhealthy until the stored runtime settings were read once (an instance must not serve with settings the host
/// admin replaced); degraded when the newest stored version failed validation and an older one stays in effect.
/// </summary>
public sealed class RuntimeSettingsHealthCheck(
    RuntimeSettingsLoader<HighThroughputOptions, HighThroughputSettingsVersion> loader,
    RuntimeSettingsApplier<HighThroughputOptions> applier,
    AppliedRuntimeSettings<HighThroughputOptions> applied) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = loader.Status;
        var data = new Dictionary<string, object> { ["version"] = applied.Current?.Version ?? 0 };
        if (status.LoadedAt is { } loadedAt)
        {
            data["loadedAt"] = loadedAt;
        }

        if (status.FailedAt is { } failedAt)
        {
            data["failedAt"] = failedAt;
        }

        if (applier.Rejected is { } rejected)
        {
            data["rejectedVersion"] = rejected.Version;
        }

        var result = status.LoadedAt is null
            ? HealthCheckResult.Unhealthy("The runtime settings could not be read from the database yet.", data: data)
            : applier.Rejected is not null
                ? HealthCheckResult.Degraded("The newest stored settings version is invalid; an earlier one stays in effect.", data: data)
                : HealthCheckResult.Healthy(applied.Current is null ? "Configuration settings; none stored." : "The newest stored settings version is in effect.", data);
        return Task.FromResult(result);
    }
}
