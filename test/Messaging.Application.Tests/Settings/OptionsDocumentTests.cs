using System.Text.Json.Nodes;

namespace Messaging.Settings;

/// <summary>
/// The document works for whatever shape a section added later takes: get-only sections, lists and dictionaries
/// (which the configuration binder fills as well), and start-only settings at any depth.
/// </summary>
public class OptionsDocumentTests
{
    private static readonly OptionsDocument<SampleOptions> Document = new("Sample");

    [Fact]
    public void AStoredDocument_ReplacesEverySetting_AndDroppedEntriesDoNotSurvive()
    {
        var stored = new SampleOptions { Window = TimeSpan.FromMinutes(2) };
        stored.Limits["Basic"] = new SampleLimit { PerMinute = 10 };
        stored.Hosts.Add("a.example");
        stored.Breaker.Failures = 3;
        var configured = new SampleOptions();
        configured.Limits["Basic"] = new SampleLimit { PerMinute = 99 };
        configured.Limits["Enterprise"] = new SampleLimit { PerMinute = 5000 };
        configured.Hosts.AddRange(["b.example", "c.example"]);
        configured.Breaker.StartOnlyPool = 42;

        var read = Document.TryRead(Document.ToJson(stored), configured, Errors());
        OptionsDocument<SampleOptions>.CopyInto(read.ShouldNotBeNull(), configured);

        JsonNode.DeepEquals(Document.ToJson(configured), Document.ToJson(stored)).ShouldBeTrue();
        configured.Limits.Keys.ShouldBe(["Basic"]);
        configured.Hosts.ShouldBe(["a.example"]);
        configured.Breaker.StartOnlyPool.ShouldBe(42, "a start-only setting stays what configuration said");
    }

    [Fact]
    public void StartOnlySettings_AreLeftOutOfTheDocument_AndRefusedInIt()
    {
        var json = Document.ToJson(new SampleOptions());
        json["breaker"]!.AsObject().ContainsKey("startOnlyPool").ShouldBeFalse();
        json["breaker"]!["startOnlyPool"] = 1;
        var errors = Errors();

        Document.TryRead(json, new SampleOptions(), errors).ShouldBeNull();

        errors.Keys.ShouldBe(["Sample:Breaker:StartOnlyPool"]);
    }

    [Fact]
    public void ProblemsInsideListsAndDictionaries_AreFoundToo()
    {
        var json = Document.ToJson(new SampleOptions());
        json["limits"] = new JsonObject { ["Basic"] = new JsonObject { ["perMinute"] = "fast" } };
        json["hosts"] = new JsonArray("a.example", null);
        var errors = Errors();

        Document.TryRead(json, new SampleOptions(), errors).ShouldBeNull();

        errors.Keys.ShouldBe(["Sample:Limits:Basic:PerMinute", "Sample:Hosts:1"], ignoreOrder: true);
    }

    private static Dictionary<string, List<string>> Errors() => [];

    public sealed class SampleOptions
    {
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

        public Dictionary<string, SampleLimit> Limits { get; } = [];

        public List<string> Hosts { get; } = [];

        public SampleBreaker Breaker { get; } = new();
    }

    public sealed class SampleLimit
    {
        public int PerMinute { get; set; }
    }

    public sealed class SampleBreaker
    {
        public int Failures { get; set; } = 5;

        [RestartRequired]
        public int StartOnlyPool { get; set; } = 10;
    }
}
