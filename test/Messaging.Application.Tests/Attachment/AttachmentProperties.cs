using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CsCheck;
using Messaging.ExceptionHandling;
using Messaging.Infrastructure.Attachment;
using Messaging.MultiTenancy;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Attachment;

/// <summary>The seed's properties that do not depend on timing, over generated inputs.</summary>
public class AttachmentProperties
{
    /// <summary>Properties 1 and 2: an upload up to its limit is read whole with its SHA-256; one byte over stops it while streaming.</summary>
    [Fact]
    public void AnUpload_IsAcceptedWithItsHash_UpToItsLimit_AndStoppedPastIt()
    {
        Gen.Select(Gen.Byte.Array[0, 20_000], Gen.Int[0, 8192], Gen.Int[1, 20_000]).Sample((content, headLength, limit) =>
        {
            var head = content.AsMemory(0, Math.Min(headLength, content.Length));
            using var stream = new UploadStream(head, new MemoryStream(content, head.Length, content.Length - head.Length), limit);
            using var sink = new MemoryStream();
            if (content.Length > limit)
            {
                Should.Throw<UploadTooLargeException>(() => stream.CopyTo(sink, 1000));
                sink.Length.ShouldBeLessThanOrEqualTo(limit);
                return;
            }

            stream.CopyTo(sink, 1000);
            sink.ToArray().ShouldBe(content);
            stream.BytesRead.ShouldBe(content.Length);
            stream.Sha256Hex().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        }, iter: 300);
    }

    /// <summary>Property 6: Premium and Enterprise get 10, Basic 0, and a request may only ask for less.</summary>
    [Fact]
    public void ThePriority_FollowsTheTier_AndARequestOnlyLowersIt()
    {
        Gen.Select(Gen.Enum<TenantTier>(), Gen.OneOf(Gen.Int[0, 100].Select(i => (int?)i), Gen.Const((int?)null))).Sample((tier, requested) =>
        {
            var tierPriority = tier == TenantTier.Basic ? 0 : 10;
            AttachmentPriority.For(tier, requested).ShouldBe(requested is { } asked ? Math.Min(asked, tierPriority) : tierPriority);
        });
        Should.Throw<InputValidationException>(() => AttachmentPriority.For(TenantTier.Premium, -1));
    }

    /// <summary>Property 27: results are stored compressed and read back unchanged.</summary>
    [Fact]
    public void AResult_ReadsBackUnchanged_AfterCompression()
    {
        var value = Gen.OneOf<JsonNode?>(Gen.Int.Select(i => (JsonNode?)i), Gen.String.Select(s => (JsonNode?)s), Gen.Bool.Select(b => (JsonNode?)b));
        Gen.Dictionary(Gen.String[Gen.Char.AlphaNumeric, 1, 12], value)[0, 20].Sample(entries =>
        {
            var result = new JsonObject(entries.Select(e => KeyValuePair.Create(e.Key, e.Value?.DeepClone())));

            var compressed = AttachmentResultCodec.Compress(result);

            compressed.AsSpan(0, 2).ToArray().ShouldBe(new byte[] { 0x1F, 0x8B });
            JsonNode.DeepEquals(AttachmentResultCodec.Decompress(compressed), result).ShouldBeTrue();
        });
    }

    /// <summary>Properties 29 and 30: a link verifies for its attachment until it expires; any changed byte, another attachment or a passed expiry does not.</summary>
    [Fact]
    public void ASignedLink_VerifiesOnlyUnchanged_ForItsAttachment_BeforeItExpires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var signer = new DownloadLinkSigner(new FixedKey(RandomNumberGenerator.GetBytes(32)), clock);
        Gen.Select(Gen.Guid, Gen.Guid, Gen.Int[1, 7 * 24 * 3600], Gen.Int[0, 56], Gen.Int[1, 255]).Sample((tenant, attachment, lifetime, at, flip) =>
        {
            var expiresAt = clock.GetUtcNow().UtcDateTime.AddSeconds(lifetime);
            var token = signer.Sign(tenant, attachment, expiresAt);

            signer.Verify(attachment, token).ShouldBe(tenant);
            signer.Verify(Guid.NewGuid(), token).ShouldBeNull();
            var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/'));
            bytes[at] ^= (byte)flip;
            signer.Verify(attachment, Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')).ShouldBeNull();
        });
        var expiring = signer.Sign(Guid.NewGuid(), Guid.Empty, clock.GetUtcNow().UtcDateTime.AddSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(10));
        signer.Verify(Guid.Empty, expiring).ShouldBeNull();
    }

    /// <summary>Whatever a client sends as a token or a cursor is refused as such, never thrown on.</summary>
    [Fact]
    public void AnyText_AsATokenOrACursor_IsRefusedQuietly()
    {
        var signer = new DownloadLinkSigner(new FixedKey(RandomNumberGenerator.GetBytes(32)), TimeProvider.System);
        var token = signer.Sign(Guid.NewGuid(), Guid.Empty, DateTime.UtcNow.AddHours(1));
        var cursor = AttachmentCursor.Encode(new AttachmentPosition(DateTime.UtcNow, Guid.NewGuid()));
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["A-Za-z0-9-_=+/."], 0, 100], Gen.Int[0, 3].Select(i => "x" + token[i..]),
            Gen.Int[0, 3].Select(i => "=" + cursor[i..])).Sample(text =>
        {
            signer.Verify(Guid.Empty, text).ShouldBeNull();
            AttachmentCursor.Decode(text).ShouldBeNull();
        });
    }

    /// <summary>Keys never reach outside the store's root, whatever they hold.</summary>
    [Fact]
    public void NoKey_ResolvesOutsideTheRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "messaging-root-check");
        var store = new FileSystemBlobStore(Options.Create(new BlobStorageOptions { RootPath = root }));
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var parts = Gen.OneOf(Gen.Const(".."), Gen.Const("."), Gen.Const("/"), Gen.Const("a"), Gen.Const("\\"), Gen.Const("~"), Gen.String[Gen.Char.AlphaNumeric, 1, 4]);
        parts.Array[1, 8].Select(p => string.Concat(p)).Sample(key =>
        {
            try
            {
                store.PathOf(key).ShouldStartWith(fullRoot);
            }
            catch (BlobStorageException)
            {
            }
        }, iter: 5000);
        foreach (var escape in new[] { "../x", "a/../../x", "/etc/passwd", "..", "a\\..\\x" })
        {
            Should.Throw<BlobStorageException>(() => store.PathOf(escape));
        }
    }

    /// <summary>A declared type is kept only where the bytes agree with it; an image never passes as text.</summary>
    [Fact]
    public void TheStoredType_IsTheSniffedOne_UnlessTheBytesCannotTellItApart()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        ContentSniffer.Sniff(png).ShouldBe("image/png");
        ContentSniffer.Sniff("%PDF-1.7\n"u8).ShouldBe("application/pdf");
        ContentSniffer.Sniff("{\"a\": 1}"u8).ShouldBe("application/json");
        ContentSniffer.Sniff("a,b\n1,2\n"u8).ShouldBe("text/plain");
        ContentSniffer.Sniff([0, 1, 2, 3]).ShouldBe(ContentSniffer.OctetStream);
        ContentSniffer.Reconcile("text/csv; charset=utf-8", "text/plain").ShouldBe("text/csv");
        ContentSniffer.Reconcile(null, "image/png").ShouldBe("image/png");
        ContentSniffer.Reconcile("text/plain", "image/png").ShouldBeNull();
        ContentSniffer.Reconcile("image/png", "application/pdf").ShouldBeNull();
        Gen.String.Sample(declared =>
        {
            var reconciled = ContentSniffer.Reconcile(declared, "image/png");
            (reconciled is null or "image/png").ShouldBeTrue();
        });
    }

    private sealed class FixedKey(byte[] key) : IDownloadLinkKey
    {
        public byte[] Key => key;
    }
}
