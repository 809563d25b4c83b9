using System.Globalization;

namespace Messaging.LoadGenerator;

public enum LoadMode
{
    Open,
    Closed
}

/// <summary>The command line, parsed by hand: <c>open|closed --name value ...</c>.</summary>
public sealed class LoadOptions
{
    public const string Usage =
        """
        Usage:
          Messaging.LoadGenerator open   --url URL --api-key KEY [--rate 5000] [--duration 20s] [--connections 10000] [--warmup 5s]
          Messaging.LoadGenerator closed --url URL --api-key KEY [--concurrency 256] [--duration 20s] [--warmup 5s] [--batch 1]

        Common options:
          --timeout 30s              how long one request may take before it counts as an error
          --connect-parallelism 128  (open) how many TCP connects may be in progress at once while the pool fills
          --body-variants 4096       how many distinct pre-serialised message bodies to cycle through
          --batch 1                  (closed) messages per request: 1 posts single sends, 2 to 1000 post send-many batches
          --webhook-worker ID        post inbound email webhooks to this worker instead of sends, each with its own webhook-id,
          --webhook-secret whsec_... signed as Standard Webhooks with the worker's secret (--api-key is then not sent)

        Durations: 500ms, 20s, 2m, or a bare number of seconds.
        Prints human-readable lines and one final line starting with "RESULT " holding the figures as JSON.
        """;

    public LoadMode Mode { get; private init; }

    public Uri Url { get; private init; } = null!;

    public string ApiKey { get; private init; } = "";

    public double Rate { get; private init; } = 5000;

    public TimeSpan Duration { get; private init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; private init; } = TimeSpan.FromSeconds(5);

    public int Connections { get; private init; } = 10_000;

    public int Concurrency { get; private init; } = 256;

    public TimeSpan Timeout { get; private init; } = TimeSpan.FromSeconds(30);

    public int ConnectParallelism { get; private init; } = 128;

    public int BodyVariants { get; private init; } = 4096;

    /// <summary>Messages per request: 1 for single sends, more for send-many batches.</summary>
    public int Batch { get; private init; } = 1;

    /// <summary>The inbound worker to post email webhooks to; null for sends.</summary>
    public Guid? WebhookWorker { get; private init; }

    public string? WebhookSecret { get; private init; }

    public static LoadOptions Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("A command is required: open or closed.");
        }

        var mode = args[0].ToLowerInvariant() switch
        {
            "open" => LoadMode.Open,
            "closed" => LoadMode.Closed,
            _ => throw new ArgumentException($"Unknown command '{args[0]}': use open or closed.")
        };

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option starting with --, got '{name}'.");
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[name[2..equals]] = name[(equals + 1)..];
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            values[name[2..]] = args[++i];
        }

        string? Take(string name) => values.Remove(name, out var value) ? value : null;

        var url = Take("url") ?? throw new ArgumentException("--url is required.");
        var apiKey = Take("api-key") ?? throw new ArgumentException("--api-key is required.");
        var defaults = new LoadOptions();
        var options = new LoadOptions
        {
            Mode = mode,
            Url = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute),
            ApiKey = apiKey,
            Rate = Positive("rate", ParseDouble(Take("rate")) ?? defaults.Rate),
            Duration = Positive("duration", ParseDuration(Take("duration")) ?? defaults.Duration),
            Warmup = NonNegative("warmup", ParseDuration(Take("warmup")) ?? defaults.Warmup),
            Connections = (int)Positive("connections", ParseInt(Take("connections")) ?? defaults.Connections),
            Concurrency = (int)Positive("concurrency", ParseInt(Take("concurrency")) ?? defaults.Concurrency),
            Timeout = Positive("timeout", ParseDuration(Take("timeout")) ?? defaults.Timeout),
            ConnectParallelism = (int)Positive("connect-parallelism", ParseInt(Take("connect-parallelism")) ?? defaults.ConnectParallelism),
            BodyVariants = (int)Positive("body-variants", ParseInt(Take("body-variants")) ?? defaults.BodyVariants),
            Batch = (int)Positive("batch", ParseInt(Take("batch")) ?? defaults.Batch),
            WebhookWorker = Take("webhook-worker") is { } worker ? Guid.Parse(worker, CultureInfo.InvariantCulture) : null,
            WebhookSecret = Take("webhook-secret")
        };

        if ((options.WebhookWorker is null) != (options.WebhookSecret is null) || (options.WebhookWorker is not null && options.Batch > 1))
        {
            throw new ArgumentException("--webhook-worker and --webhook-secret go together, without --batch.");
        }

        if (options.Batch > 1000)
        {
            throw new ArgumentException("--batch can be at most 1000, the most one send-many request takes.");
        }

        if (options.Batch > 1 && mode == LoadMode.Open)
        {
            throw new ArgumentException("--batch works with the closed model only.");
        }

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        return options;
    }

    public static TimeSpan? ParseDuration(string? text)
    {
        if (text is null)
        {
            return null;
        }

        text = text.Trim().ToLowerInvariant();
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1),
            _ when text.EndsWith('m') => (text[..^1], 60),
            _ when text.EndsWith('h') => (text[..^1], 3600),
            _ => (text, 1)
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"'{text}' is not a duration such as 500ms, 20s or 2m.");
        }

        return TimeSpan.FromSeconds(value * scale);
    }

    private static double? ParseDouble(string? text) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"'{text}' is not a number.");

    private static long? ParseInt(string? text) =>
        text is null ? null
        : long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"'{text}' is not a whole number.");

    private static T Positive<T>(string name, T value) where T : IComparable<T> =>
        value.CompareTo(default) > 0 ? value : throw new ArgumentException($"--{name} must be positive.");

    private static TimeSpan NonNegative(string name, TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentException($"--{name} must not be negative.");
}
