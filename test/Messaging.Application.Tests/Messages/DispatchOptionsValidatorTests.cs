using Messaging.ExceptionHandling;
using Messaging.Messages.Settings;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public class DispatchOptionsValidatorTests
{
    private readonly DispatchOptionsValidator _validator = new();

    [Fact]
    public void TheDefaults_AreValid() =>
        _validator.Validate(null, new HighThroughputOptions()).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData(nameof(DispatchOptions.BatchSize))]
    [InlineData(nameof(DispatchOptions.MaxConcurrentSends))]
    [InlineData(nameof(DispatchOptions.MaxConcurrentSendsPerTenantProvider))]
    [InlineData(nameof(DispatchOptions.PollInterval))]
    [InlineData(nameof(DispatchOptions.AgingStep))]
    [InlineData(nameof(DispatchOptions.MaxAttempts))]
    [InlineData(nameof(DispatchOptions.RetryBaseDelay))]
    [InlineData(nameof(DispatchOptions.RetryMaxDelay))]
    [InlineData(nameof(DispatchOptions.UnroutableRetryDelay))]
    [InlineData(nameof(DispatchOptions.ClaimTimeout))]
    public void OutOfRangeSettings_AreNamedInTheFailure(string setting)
    {
        var options = new HighThroughputOptions();
        var dispatch = options.Dispatch;
        switch (setting)
        {
            case nameof(DispatchOptions.BatchSize): dispatch.BatchSize = 0; break;
            case nameof(DispatchOptions.MaxConcurrentSends): dispatch.MaxConcurrentSends = 0; dispatch.MaxConcurrentSendsPerTenantProvider = 0; break;
            case nameof(DispatchOptions.MaxConcurrentSendsPerTenantProvider): dispatch.MaxConcurrentSendsPerTenantProvider = dispatch.MaxConcurrentSends + 1; break;
            case nameof(DispatchOptions.PollInterval): dispatch.PollInterval = TimeSpan.Zero; break;
            case nameof(DispatchOptions.AgingStep): dispatch.AgingStep = TimeSpan.FromSeconds(-1); break;
            case nameof(DispatchOptions.MaxAttempts): dispatch.MaxAttempts = 0; break;
            case nameof(DispatchOptions.RetryBaseDelay): dispatch.RetryBaseDelay = TimeSpan.Zero; break;
            case nameof(DispatchOptions.RetryMaxDelay): dispatch.RetryMaxDelay = TimeSpan.FromDays(2); break;
            case nameof(DispatchOptions.UnroutableRetryDelay): dispatch.UnroutableRetryDelay = TimeSpan.Zero; break;
            case nameof(DispatchOptions.ClaimTimeout): dispatch.ClaimTimeout = TimeSpan.Zero; break;
        }

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("HighThroughput:Dispatch:" + setting);
    }

    [Fact]
    public void AClaimShorterThanOneWholeProviderCall_IsRefused()
    {
        var options = new HighThroughputOptions();
        // 3 attempts of 30 s and 2 backoffs of up to 5 s: 100 s, more than a 90 s claim.
        options.Dispatch.ClaimTimeout = TimeSpan.FromSeconds(90);

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("HighThroughput:Dispatch:ClaimTimeout");
        result.FailureMessage.ShouldContain("00:01:40");
    }

    [Fact]
    public async Task ARuntimeChangeToZeroSendSlotsOrAnEmptyBatch_IsRefused_AndTheRunningSettingsStay()
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync();
        var document = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        document["dispatch"]!["batchSize"] = 0;
        document["dispatch"]!["maxConcurrentSends"] = 0;

        var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
            harness.First.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));

        refusal.Errors.Keys.ShouldContain("HighThroughput:Dispatch:BatchSize");
        refusal.Errors.Keys.ShouldContain("HighThroughput:Dispatch:MaxConcurrentSends");
        harness.First.Effective.Dispatch.BatchSize.ShouldBe(200);
        harness.First.Effective.Dispatch.MaxConcurrentSends.ShouldBe(32);
    }

    [Fact]
    public void ConfigurationWithAnEmptyBatch_RefusesToStart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HighThroughput:Dispatch:BatchSize"] = "0" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMetrics().AddApplicationLayer(configuration).BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HighThroughputOptions>>().Value);

        failure.Message.ShouldContain("HighThroughput:Dispatch:BatchSize");
    }
}
