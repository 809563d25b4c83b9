using System.Diagnostics.Metrics;
using Messaging.CircuitBreaking;
using Messaging.Infrastructure.CircuitBreaking;
using Messaging.Infrastructure.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>Builds breakers the way the host does, with settings of the test's choosing.</summary>
public static class CircuitBreakers
{
    public static CircuitBreakerOptions Options(CircuitModel.Settings settings) => new()
    {
        FailureThreshold = settings.Threshold,
        RecoveryTimeout = settings.Recovery,
        ProbeTimeout = settings.ProbeTimeout,
        HalfOpenRetryInterval = settings.HalfOpenRetry
    };

    public static LocalCircuitBreaker Local(TimeProvider clock, CircuitModel.Settings settings, CircuitMetrics? metrics = null) =>
        new(new StaticOptionsMonitor<CircuitBreakerOptions>(Options(settings)), clock, metrics ?? Metrics(),
            NullLogger<LocalCircuitBreaker>.Instance);

    public static RedisCircuitBreaker Redis(RedisConnection connection, string keyPrefix, TimeProvider clock, CircuitModel.Settings settings,
        CircuitMetrics? metrics = null)
    {
        metrics ??= Metrics();
        return new RedisCircuitBreaker(connection, Local(clock, settings, metrics), new StaticOptionsMonitor<CircuitBreakerOptions>(Options(settings)),
            clock, metrics, NullLogger<RedisCircuitBreaker>.Instance, keyPrefix);
    }

    public static CircuitMetrics Metrics() => new(new TestMeterFactory());

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
