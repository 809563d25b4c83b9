namespace Messaging;

/// <summary>
/// What this instance does, from <c>--role api|worker|all</c> (default all). API instances accept and answer
/// requests and run the group-commit writer that acknowledges them; workers run background jobs. Any number
/// of each can share the same database, Redis and broker.
/// </summary>
public sealed record HostRoles(bool AcceptsRequests, bool RunsJobs)
{
    public const string ConfigurationKey = "role";

    public static HostRoles From(IConfiguration configuration) => configuration[ConfigurationKey]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => new HostRoles(true, true),
        "api" => new HostRoles(true, false),
        "worker" => new HostRoles(false, true),
        var other => throw new InvalidOperationException($"Unknown role '{other}': use --role api, --role worker or --role all.")
    };

    public override string ToString() => (AcceptsRequests, RunsJobs) switch
    {
        (true, true) => "all",
        (true, false) => "api",
        _ => "worker"
    };
}
