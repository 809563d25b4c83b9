namespace Messaging.BackgroundJobs;

public class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(40, 3600)]
    public void Backoff_Doubles_UpToTheCap_NeverBelowHalfOfIt(int attemptsMade, int ceilingSeconds)
    {
        var (first, cap) = (TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));

        RetryBackoff.After(attemptsMade, first, cap, 0).ShouldBe(TimeSpan.FromSeconds(ceilingSeconds / 2.0));
        RetryBackoff.After(attemptsMade, first, cap, 0.5).ShouldBe(TimeSpan.FromSeconds(ceilingSeconds * 0.75));
        RetryBackoff.After(attemptsMade, first, cap, 0.999).ShouldBeLessThan(TimeSpan.FromSeconds(ceilingSeconds));
    }
}
