using System.Text.Json.Nodes;
using CsCheck;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.TestSupport;

namespace Messaging.Messages.Settings;

/// <summary>
/// Property 22 of the seed, Runtime Configuration Updates, against the real app service, options monitor and database:
/// whatever sequence of valid, invalid, stale and restoring changes arrives, the options every consumer reads equal the
/// last valid version, on the instance that took the change and on another one that only reads the database.
/// </summary>
public class RuntimeSettingsProperties
{
    private abstract record Change;

    private sealed record Update(HighThroughputOptions Settings) : Change;

    private sealed record UpdateInvalid(HighThroughputOptions Settings, int Breakage) : Change;

    private sealed record UpdateStale(HighThroughputOptions Settings) : Change;

    private sealed record Restore(int Pick) : Change;

    private static readonly Gen<Change> ChangeGen = Gen.Frequency(
        (4, SettingsGen.Valid.Select(settings => (Change)new Update(settings))),
        (3, Gen.Select(SettingsGen.Valid, Gen.Int[0, SettingsGen.Breakages.Length - 1], (settings, breakage) => (Change)new UpdateInvalid(settings, breakage))),
        (1, SettingsGen.Valid.Select(settings => (Change)new UpdateStale(settings))),
        (2, Gen.Int[0, int.MaxValue].Select(pick => (Change)new Restore(pick))));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task EffectiveSettings_AreAlwaysTheLastValidVersion_OnEveryInstance(DatabaseProvider provider)
    {
        await using var harness = await RuntimeSettingsHarness.StartAsync(
            new Dictionary<string, string?> { ["HighThroughput:Ingestion:Mode"] = "Direct" }, provider: provider);
        var configured = HighThroughputSettings.Document.ToJson(harness.First.Effective);
        // Versions are immutable once stored, so what the test saw stored stays true across samples.
        var known = new Dictionary<int, JsonObject>();

        await ChangeGen.Array[1, 12].SampleAsync(async changes =>
        {
            foreach (var change in changes)
            {
                var before = await harness.First.CallAsync(s => s.GetAsync());
                var expected = await ApplyAsync(harness.First, change, before.Version, known) ?? (before.Version == 0 ? configured : known[before.Version]);

                var after = await harness.First.CallAsync(s => s.GetAsync());
                AssertSame(after.Settings, expected, change);
                AssertSame(HighThroughputSettings.Document.ToJson(harness.First.Effective), expected, change);
                harness.First.Effective.Ingestion.Mode.ShouldBe(IngestionMode.Direct, "a start-only setting never comes from a stored version");

                await harness.Second.Loader.ReloadAsync(CancellationToken.None);
                AssertSame(HighThroughputSettings.Document.ToJson(harness.Second.Effective), expected, change);
                (await harness.Second.CallAsync(s => s.GetAsync())).Version.ShouldBe(after.Version);
            }
        }, iter: 25, threads: 1);
    }

    /// <summary>Makes the change; returns the settings that must now be in effect, or null when nothing may have changed.</summary>
    private static async Task<JsonObject?> ApplyAsync(SettingsInstance instance, Change change, int currentVersion, Dictionary<int, JsonObject> known)
    {
        switch (change)
        {
            case Update update:
                {
                    var document = HighThroughputSettings.Document.ToJson(update.Settings);
                    var stored = await instance.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto
                    {
                        ExpectedVersion = currentVersion,
                        Settings = document
                    }));
                    stored.Version.ShouldBe(currentVersion + 1);
                    known[stored.Version] = document;
                    return document;
                }

            case UpdateInvalid invalid:
                {
                    var document = HighThroughputSettings.Document.ToJson(invalid.Settings);
                    SettingsGen.Breakages[invalid.Breakage](document);
                    var refusal = await Should.ThrowAsync<SettingsValidationException>(() =>
                        instance.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto { Settings = document })));
                    refusal.Errors.ShouldNotBeEmpty();
                    await AssertVersionIsAsync(instance, currentVersion);
                    return null;
                }

            case UpdateStale stale:
                {
                    await Should.ThrowAsync<ConflictException>(() => instance.CallAsync(s => s.UpdateAsync(new UpdateHighThroughputSettingsDto
                    {
                        ExpectedVersion = currentVersion + 1,
                        Settings = HighThroughputSettings.Document.ToJson(stale.Settings)
                    })));
                    await AssertVersionIsAsync(instance, currentVersion);
                    return null;
                }

            case Restore restore when known.Count > 0:
                {
                    var version = known.Keys.Order().ElementAt(restore.Pick % known.Count);
                    var stored = await instance.CallAsync(s => s.RestoreAsync(version, new RestoreHighThroughputSettingsDto { ExpectedVersion = currentVersion }));
                    stored.Version.ShouldBe(currentVersion + 1);
                    known[stored.Version] = known[version];
                    var history = await instance.CallAsync(s => s.GetHistoryAsync(0, 1));
                    history.Items[0].RestoredFromVersion.ShouldBe(version);
                    return known[version];
                }

            default:
                await Should.ThrowAsync<EntityNotFoundException>(() =>
                    instance.CallAsync(s => s.RestoreAsync(currentVersion + 1, new RestoreHighThroughputSettingsDto())));
                await AssertVersionIsAsync(instance, currentVersion);
                return null;
        }
    }

    private static async Task AssertVersionIsAsync(SettingsInstance instance, int version)
    {
        var history = await instance.CallAsync(s => s.GetHistoryAsync(0, 1));
        history.TotalCount.ShouldBe(version, "a refused change must store nothing");
    }

    private static void AssertSame(JsonObject actual, JsonObject expected, object change) =>
        JsonNode.DeepEquals(actual, expected).ShouldBeTrue($"after {change}: expected {expected.ToJsonString()} but was {actual.ToJsonString()}");
}
