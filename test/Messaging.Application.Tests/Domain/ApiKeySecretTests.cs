using Messaging.TenantManagement;

namespace Messaging.Domain;

public class ApiKeySecretTests
{
    [Fact]
    public void Generate_GivesDistinctKeysWith256RandomBits()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeySecret.Generate()).ToList();

        keys.Distinct().Count().ShouldBe(200);
        keys.ShouldAllBe(key => key.StartsWith("msk_") && key.Length == 4 + 43);
    }

    [Fact]
    public void Hash_IsStableHexAndNeverTheKeyItself()
    {
        var key = ApiKeySecret.Generate();

        var hash = ApiKeySecret.Hash(key);

        hash.ShouldBe(ApiKeySecret.Hash(key));
        hash.Length.ShouldBe(64);
        hash.ShouldNotContain(key[4..]);
    }

    [Fact]
    public void HashesEqual_ComparesWholeValues()
    {
        var hash = ApiKeySecret.Hash("a");

        ApiKeySecret.HashesEqual(hash, ApiKeySecret.Hash("a")).ShouldBeTrue();
        ApiKeySecret.HashesEqual(hash, ApiKeySecret.Hash("b")).ShouldBeFalse();
        ApiKeySecret.HashesEqual(hash, hash[..10]).ShouldBeFalse();
    }

    [Fact]
    public void Prefix_ShowsOnlyTheStartOfTheKey()
    {
        var key = ApiKeySecret.Generate();

        ApiKeySecret.PrefixOf(key).ShouldBe(key[..ApiKeySecret.PrefixLength]);
    }

    [Fact]
    public void Revoke_KeepsTheFirstRevocationTime()
    {
        var key = new ApiKey(Guid.NewGuid(), Guid.NewGuid(), "k", ApiKeySecret.Hash("x"), "msk_", DateTime.UtcNow);
        var first = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        key.Revoke(first);
        key.Revoke(first.AddDays(1));

        key.RevokedAt.ShouldBe(first);
        key.IsRevoked.ShouldBeTrue();
    }
}
