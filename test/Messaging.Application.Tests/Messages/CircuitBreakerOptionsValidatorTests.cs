using Messaging.CircuitBreaking;

namespace Messaging.Messages;

public class CircuitBreakerOptionsValidatorTests
{
    private readonly CircuitBreakerOptionsValidator _validator = new();

    [Fact]
    public void TheSeedDefaults_AreValid()
    {
        var options = new HighThroughputOptions();

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.CircuitBreaker.FailureThreshold.ShouldBe(5);
        options.CircuitBreaker.TimeoutDuration.ShouldBe(TimeSpan.FromSeconds(30));
        options.CircuitBreaker.RecoveryTimeout.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void AProbeLeaseShorterThanOneWholeCall_IsRefused()
    {
        var options = new HighThroughputOptions();
        options.CircuitBreaker.TimeoutDuration = TimeSpan.FromSeconds(50);

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("ProbeTimeout");
    }

    [Theory]
    [InlineData(nameof(CircuitBreakerOptions.FailureThreshold))]
    [InlineData(nameof(CircuitBreakerOptions.RetryAttempts))]
    [InlineData(nameof(CircuitBreakerOptions.TimeoutDuration))]
    [InlineData(nameof(CircuitBreakerOptions.RecoveryTimeout))]
    [InlineData(nameof(CircuitBreakerOptions.IdleExpiry))]
    public void OutOfRangeSettings_AreNamedInTheFailure(string setting)
    {
        var options = new HighThroughputOptions();
        var circuit = options.CircuitBreaker;
        switch (setting)
        {
            case nameof(CircuitBreakerOptions.FailureThreshold): circuit.FailureThreshold = 0; break;
            case nameof(CircuitBreakerOptions.RetryAttempts): circuit.RetryAttempts = -1; break;
            case nameof(CircuitBreakerOptions.TimeoutDuration): circuit.TimeoutDuration = TimeSpan.Zero; break;
            case nameof(CircuitBreakerOptions.RecoveryTimeout): circuit.RecoveryTimeout = TimeSpan.Zero; break;
            case nameof(CircuitBreakerOptions.IdleExpiry): circuit.IdleExpiry = TimeSpan.FromSeconds(1); break;
        }

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("HighThroughput:CircuitBreaker:" + setting);
    }
}
