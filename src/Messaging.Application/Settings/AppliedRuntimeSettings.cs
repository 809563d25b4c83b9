using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Messaging.Settings;

/// <summary>
/// The stored version this instance runs with, as the options system sees it: after configuration is bound, its
/// settings replace the runtime sections, and applying a newer version signals every
/// <see cref="IOptionsMonitor{TOptions}"/> of <typeparamref name="TOptions"/> to rebuild its value.
/// Replacing (rather than overlaying configuration keys) means a list or dictionary entry that a version dropped does
/// not come back from appsettings or the environment.
/// </summary>
public sealed class AppliedRuntimeSettings<TOptions>(RuntimeSettingsDefinition<TOptions> definition) : IPostConfigureOptions<TOptions>, IOptionsChangeTokenSource<TOptions>
    where TOptions : class, new()
{
    private readonly Lock _applying = new();
    private CancellationTokenSource _changed = new();
    private volatile AppliedSettingsVersion? _current;

    /// <summary>Null until a stored version is applied: configuration alone is in effect.</summary>
    public AppliedSettingsVersion? Current => _current;

    public string? Name => Options.DefaultName;

    /// <summary>Makes <paramref name="version"/> effective unless a newer one already is (versions may arrive out of order).</summary>
    public bool TryApply(AppliedSettingsVersion version)
    {
        CancellationTokenSource changed;
        lock (_applying)
        {
            if (_current is { } current && current.Version >= version.Version)
            {
                return false;
            }

            _current = version;
            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        changed.Cancel();
        changed.Dispose();
        return true;
    }

    public void PostConfigure(string? name, TOptions options)
    {
        if (name != Options.DefaultName || _current is not { } current)
        {
            return;
        }

        // Read afresh each time, so no two options values share a section; the applier checked the document already.
        var errors = new Dictionary<string, List<string>>();
        if (definition.Document.TryRead(OptionsDocument<TOptions>.Parse(current.Settings), options, errors) is { } stored)
        {
            OptionsDocument<TOptions>.CopyInto(stored, options);
        }
    }

    public IChangeToken GetChangeToken()
    {
        lock (_applying)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }
}

/// <param name="Settings">The version's runtime document (JSON).</param>
public sealed record AppliedSettingsVersion(int Version, string Settings, DateTime ChangedAt, string ChangedBy);
