namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>A module's seed data, run after every migration; must be safe to run on every start.</summary>
public interface IDataSeedContributor
{
    /// <returns>What was generated and must be shown once to whoever started the run (keys are never stored in clear).</returns>
    Task<IReadOnlyList<SeededValue>> SeedAsync(CancellationToken cancellationToken);
}

public sealed record SeededValue(string Label, string Value);

/// <summary>What a seeding run generated, from every contributor.</summary>
public sealed record SeedResult(IReadOnlyList<SeededValue> Generated);
