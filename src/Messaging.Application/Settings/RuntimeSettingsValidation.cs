using Microsoft.Extensions.Options;

namespace Messaging.Settings;

/// <summary>
/// Runs every registered <see cref="IValidateOptions{TOptions}"/> of <typeparamref name="TOptions"/>, the same ones
/// that check configuration at start, so a section added with its own validator is checked here without more code.
/// </summary>
public sealed class RuntimeSettingsValidation<TOptions>(RuntimeSettingsDefinition<TOptions> definition, IEnumerable<IValidateOptions<TOptions>> validators)
    where TOptions : class, new()
{
    private readonly string _root = definition.SectionName + ":";

    /// <summary>The failures keyed by the configuration path each names (its first word), or <c>settings</c>.</summary>
    public Dictionary<string, List<string>> Validate(TOptions options)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var validator in validators)
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (!result.Failed)
            {
                continue;
            }

            foreach (var failure in result.Failures ?? [result.FailureMessage])
            {
                var key = failure.StartsWith(_root, StringComparison.Ordinal) ? failure.Split(' ', 2)[0] : "settings";
                if (!errors.TryGetValue(key, out var messages))
                {
                    errors[key] = messages = [];
                }

                messages.Add(failure);
            }
        }

        return errors;
    }
}
