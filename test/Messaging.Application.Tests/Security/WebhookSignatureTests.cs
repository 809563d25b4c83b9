using System.Text;

namespace Messaging.Security;

public class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"messageId":"x","content":"hello"}""");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Verify_AcceptsWhatSignProduced()
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        signature.ShouldStartWith("v1=");
        WebhookSignature.Verify(Secret, "1800000000", signature, Body, Now).ShouldBe(WebhookSignatureCheck.Valid);
    }

    [Fact]
    public void Sign_IsHmacSha256OfTimestampDotBody_InLowercaseHex()
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("1800000000." + Encoding.UTF8.GetString(Body))));

        WebhookSignature.Sign(Secret, 1_800_000_000, Body).ShouldBe("v1=" + expected);
    }

    [Fact]
    public void Verify_RefusesAChangedBody_AnotherSecret_OrAnotherTimestamp()
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);

        WebhookSignature.Verify(Secret, "1800000000", signature, Encoding.UTF8.GetBytes("{}"), Now).ShouldBe(WebhookSignatureCheck.Mismatch);
        WebhookSignature.Verify("another-secret-0123", "1800000000", signature, Body, Now).ShouldBe(WebhookSignatureCheck.Mismatch);
        WebhookSignature.Verify(Secret, "1800000001", signature, Body, Now).ShouldBe(WebhookSignatureCheck.Mismatch);
    }

    [Fact]
    public void Verify_RefusesAReplayOutsideTheTolerance()
    {
        var old = Now.AddMinutes(-6);
        var signature = WebhookSignature.Sign(Secret, old.ToUnixTimeSeconds(), Body);

        WebhookSignature.Verify(Secret, old.ToUnixTimeSeconds().ToString(), signature, Body, Now)
            .ShouldBe(WebhookSignatureCheck.TimestampOutOfTolerance);
        WebhookSignature.Verify(Secret, old.ToUnixTimeSeconds().ToString(), signature, Body, Now, TimeSpan.FromMinutes(10))
            .ShouldBe(WebhookSignatureCheck.Valid);
    }

    [Theory]
    [InlineData(null, "v1=00")]
    [InlineData("1800000000", null)]
    [InlineData("not-a-number", "v1=00")]
    public void Verify_WithoutUsableHeaders_SaysSo(string? timestamp, string? signature)
    {
        WebhookSignature.Verify(Secret, timestamp, signature, Body, Now).ShouldBe(WebhookSignatureCheck.MissingHeaders);
    }

    [Fact]
    public void Verify_AcceptsAnyOfSeveralSignatures_ForSecretRotation()
    {
        var current = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var previous = WebhookSignature.Sign("previous-secret-0123", Now.ToUnixTimeSeconds(), Body);

        WebhookSignature.Verify(Secret, "1800000000", $"{previous}, {current}", Body, Now).ShouldBe(WebhookSignatureCheck.Valid);
        WebhookSignature.Verify(Secret, "1800000000", "v1=zz, v0=abc", Body, Now).ShouldBe(WebhookSignatureCheck.Mismatch);
    }
}
