using Messaging.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.CircuitBreaking;

public class LocalCircuitBreakerTests : CircuitBreakerContract
{
    protected override int Iterations => 400;

    protected override Task<ICircuitBreaker> CreateAsync(TimeProvider clock, CircuitModel.Settings settings) =>
        Task.FromResult<ICircuitBreaker>(CircuitBreakers.Local(clock, settings));

    [Fact]
    public async Task IdleCircuits_AreForgotten_ButAForcedOneStaysUntilReset()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var breaker = CircuitBreakers.Local(clock, new CircuitModel.Settings(5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5)));
        var failing = new CircuitKey("sms", Guid.NewGuid());
        var forced = new CircuitKey("sms", Guid.NewGuid());
        await breaker.RecordFailureAsync(failing);
        await breaker.ForceOpenAsync(forced);

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMilliseconds(1));
        var beforeExpiry = await breaker.ListAsync();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterExpiry = await breaker.ListAsync();

        beforeExpiry.Select(c => c.Key).ShouldBe([failing, forced], ignoreOrder: true);
        afterExpiry.ShouldHaveSingleItem().Key.ShouldBe(forced);
        (await breaker.AcquireAsync(forced)).Allowed.ShouldBeFalse();
    }
}
