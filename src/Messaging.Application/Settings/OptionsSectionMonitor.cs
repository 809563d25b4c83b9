using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Settings;

/// <summary>
/// One section of a larger options class, read through that class's monitor: the section's readers see what the
/// whole class holds (configuration and the runtime settings applied over it) without knowing the class.
/// </summary>
public sealed class OptionsSectionMonitor<TOptions, TSection>(IOptionsMonitor<TOptions> options, Func<TOptions, TSection> section)
    : IOptionsMonitor<TSection>
{
    public TSection CurrentValue => section(options.CurrentValue);

    public TSection Get(string? name) => section(options.Get(name));

    public IDisposable? OnChange(Action<TSection, string?> listener) => options.OnChange((value, name) => listener(section(value), name));
}

public static class OptionsSectionRegistration
{
    /// <summary>
    /// Offers <typeparamref name="TSection"/> as a monitor only: an <see cref="IOptions{TOptions}"/> of it would be bound
    /// to nothing and hand out defaults.
    /// </summary>
    public static IServiceCollection AddOptionsSection<TOptions, TSection>(this IServiceCollection services, Func<TOptions, TSection> section)
        where TOptions : class
        where TSection : class =>
        services.AddSingleton<IOptionsMonitor<TSection>>(provider =>
            new OptionsSectionMonitor<TOptions, TSection>(provider.GetRequiredService<IOptionsMonitor<TOptions>>(), section));
}
