namespace Messaging.Messages.Feed;

public class StatisticsBucketsTests
{
    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-01-15 10:00", "2026-01-15 14:00", StatisticsBucket.Hour, 4)]
    [InlineData("2026-01-15 10:30", "2026-01-15 11:12", StatisticsBucket.Hour, 2)]
    [InlineData("2026-01-15 10:00", "2026-01-15 10:00:01", StatisticsBucket.Minute, 1)]
    [InlineData("2026-01-15 00:00", "2026-01-16 00:00", StatisticsBucket.Minute, 1440)]
    [InlineData("2026-01-15 00:00", "2026-01-16 00:01", StatisticsBucket.Minute, 1441)]
    [InlineData("2026-01-14 23:59", "2026-01-15 00:01", StatisticsBucket.Day, 2)]
    public void Count_IsTheNumberOfBucketsTheRangeTouches(string from, string to, StatisticsBucket bucket, int expected)
    {
        StatisticsBuckets.Count(Utc(from), Utc(to), bucket).ShouldBe(expected);
        StatisticsBuckets.Starts(Utc(from), Utc(to), bucket).Count().ShouldBe(expected);
    }

    [Fact]
    public void Starts_AreWholeUtcBucketsFromTheOneHoldingFrom()
    {
        StatisticsBuckets.Starts(Utc("2026-01-15 10:30"), Utc("2026-01-15 12:00"), StatisticsBucket.Hour)
            .ShouldBe([Utc("2026-01-15 10:00"), Utc("2026-01-15 11:00")]);
    }

    [Fact]
    public void RangeOfMoreThanTheCap_IsRefusedWithTheCountAndTheCap()
    {
        var errors = MessageFeedInputValidator.Validate(new GetMessageStatisticsInput
        {
            From = Utc("2026-01-01 00:00"), To = Utc("2026-03-03 00:00"), Bucket = StatisticsBucket.Hour
        });

        errors.Keys.ShouldBe(["to"]);
        errors["to"].Single().ShouldContain("1464 hour buckets; at most 1440");
    }
}
