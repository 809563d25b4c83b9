using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Messaging.Messages;

namespace Messaging.Json;

/// <summary>
/// The wire format of every contract: enums by name only, text without U+0000 or unpaired surrogates. The reflection
/// tests cover every type of Application.Contracts, so a new request DTO is covered as soon as it exists.
/// </summary>
public class WireFormatTests
{
    private static readonly JsonSerializerOptions Wire =
        MessagingJson.RefuseUnsafeText(MessagingJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    private static readonly Type[] ContractTypes = typeof(IMessageAppService).Assembly.GetTypes()
        .Where(type => type.IsPublic && type.IsClass && !type.IsAbstract && !type.IsGenericTypeDefinition)
        .ToArray();

    /// <summary>Request DTOs: what is bound from a body, a class with settable members.</summary>
    private static readonly Type[] RequestTypes = ContractTypes
        .Where(type => type.GetConstructor(Type.EmptyTypes) is not null && type.GetProperties().Any(property => property.CanWrite))
        .ToArray();

    private static readonly Gen<string> SafeStrings = Gen.String[Gen.Char['\u0001', '\uD7FF'], 0, 40];

    [Fact]
    public void TextWithoutNulOrSurrogates_IsSafe() =>
        SafeStrings.Sample(text => SafeText.IsSafe(text).ShouldBeTrue());

    [Fact]
    public void PairedSurrogates_AreSafe() =>
        Gen.Select(SafeStrings, SafeStrings).Sample((before, after) => SafeText.IsSafe(before + "😀" + after).ShouldBeTrue());

    [Fact]
    public void NulOrAnUnpairedSurrogate_AnywhereIsFound() =>
        Gen.Select(SafeStrings, SafeStrings, Gen.OneOf('\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'))
            .Sample((before, after, bad) =>
            {
                var text = before + bad + (char.IsHighSurrogate(bad) ? "x" : "") + after;
                SafeText.FirstUnsafeIndex(text).ShouldBe(before.Length, text);
            });

    [Fact]
    public void EveryEnumOfTheContracts_ReadsItsNamesInAnyCase_AndNothingElse()
    {
        var enums = ContractTypes.SelectMany(type => type.GetProperties())
            .Select(property => Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType)
            .Where(type => type.IsEnum)
            .Distinct()
            .ToList();
        enums.ShouldContain(typeof(MessageChannel));
        enums.ShouldContain(typeof(MessagePriority));

        foreach (var type in enums)
        {
            foreach (var name in Enum.GetNames(type))
            {
                JsonSerializer.Deserialize($"\"{name.ToUpperInvariant()}\"", type, Wire).ShouldBe(Enum.Parse(type, name));
                JsonSerializer.Serialize(Enum.Parse(type, name), type, Wire).ShouldBe($"\"{name}\"");
            }

            var names = Enum.GetNames(type);
            foreach (var refused in new[] { "0", "1", "-1", "99", "\"1\"", "\"-1\"", "\"NoSuchName\"", $"\"{names[0]},{names[^1]}\"", "\"\"", "true" })
            {
                Should.Throw<JsonException>(() => JsonSerializer.Deserialize(refused, type, Wire), $"{type.Name} {refused}");
            }

            Should.Throw<JsonException>(() => JsonSerializer.Serialize(Enum.ToObject(type, 99), type, Wire), type.Name);
        }
    }

    [Fact]
    public void EveryEnumMember_OfEveryRequestDto_RefusesNumbers()
    {
        var probed = 0;
        foreach (var (type, property) in SettableMembers(property => (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).IsEnum))
        {
            var failure = Should.Throw<JsonException>(() => Read(type, property, JsonValue.Create(1)), $"{type.Name}.{property.Name}");
            failure.Path.ShouldBe("$." + JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            probed++;
        }

        probed.ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void EveryTextMember_OfEveryRequestDto_RefusesNul()
    {
        var probed = 0;
        foreach (var (type, property) in SettableMembers(property => property.PropertyType == typeof(string)))
        {
            var failure = Should.Throw<JsonException>(() => Read(type, property, JsonValue.Create("a\0b")), $"{type.Name}.{property.Name}");
            failure.Path.ShouldBe("$." + JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            probed++;
        }

        probed.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Theory]
    [InlineData("""{"content":"a\ud800b"}""")]
    [InlineData("""{"content":"\udc00"}""")]
    [InlineData("""{"metadata":{"k":"\u0000"}}""")]
    [InlineData("""{"metadata":{"\u0000":"v"}}""")]
    [InlineData("""{"metadata":{"\ud800":"v"}}""")]
    public void UnsafeText_AtAnyDepth_IsRefused(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<SendOneWayMessageDto>(json, Wire));

    [Theory]
    [InlineData("""{"settings":{"a":{"b":["\u0000"]}}}""")]
    [InlineData("""{"settings":{"a\u0000":1}}""")]
    [InlineData("""{"settings":{"a":"\ud800"}}""")]
    public void UnsafeText_InFreeFormDocuments_IsRefused(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Messages.Settings.UpdateHighThroughputSettingsDto>(json, Wire))
            .Path.ShouldBe("$.settings");

    [Fact]
    public void SafeText_RoundTrips() =>
        SafeStrings.Sample(text =>
        {
            var read = JsonSerializer.Deserialize<SendOneWayMessageDto>(JsonSerializer.Serialize(new { content = text + "😀", metadata = new Dictionary<string, string> { [text + "k"] = text } }), Wire)!;
            read.Content.ShouldBe(text + "😀");
            read.Metadata![text + "k"].ShouldBe(text);
        });

    private static IEnumerable<(Type Type, PropertyInfo Property)> SettableMembers(Func<PropertyInfo, bool> select) =>
        RequestTypes.SelectMany(type => type.GetProperties().Where(property => property.CanWrite && select(property)).Select(property => (type, property)));

    private static object? Read(Type type, PropertyInfo property, JsonNode value) =>
        JsonSerializer.Deserialize(new JsonObject { [JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = value }.ToJsonString(), type, Wire);
}
