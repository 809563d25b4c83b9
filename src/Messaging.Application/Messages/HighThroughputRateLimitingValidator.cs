using Messaging.RateLimiting;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

/// <summary>The rate-limiting section lives under the seed's <c>HighThroughput</c> keys; its rules are the shared ones.</summary>
public sealed class HighThroughputRateLimitingValidator : IValidateOptions<HighThroughputOptions>
{
    public ValidateOptionsResult Validate(string? name, HighThroughputOptions options) =>
        RateLimitingOptionsValidator.Validate(options.RateLimiting, $"{HighThroughputOptions.SectionName}:RateLimiting");
}
