using System.Buffers.Text;
using CsCheck;

namespace Messaging.Messages.Feed;

public class MessageFeedCursorProperties
{
    private static readonly Gen<MessageFeedPosition> Position =
        Gen.Select(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks], Gen.Guid,
            (ticks, id) => new MessageFeedPosition(new DateTime(ticks, DateTimeKind.Utc), id));

    [Fact]
    public void Cursor_DecodesToThePositionItWasMadeFrom_ForItsTenant()
    {
        Gen.Select(Gen.Guid, Position).Sample((tenant, position) =>
        {
            MessageFeedCursor.TryDecode(MessageFeedCursor.Encode(tenant, position), tenant, out var decoded).ShouldBeTrue();
            decoded.ShouldBe(position);
            decoded.AcceptedAt.Kind.ShouldBe(DateTimeKind.Utc);
        });
    }

    [Fact]
    public void Cursor_WithAnyByteChanged_IsRefused()
    {
        Gen.Select(Gen.Guid, Position, Gen.Int[0, 32], Gen.Byte[1, 255]).Sample((tenant, position, index, flip) =>
        {
            var bytes = Base64Url.DecodeFromChars(MessageFeedCursor.Encode(tenant, position));
            bytes[index] ^= flip;

            MessageFeedCursor.TryDecode(Base64Url.EncodeToString(bytes), tenant, out _).ShouldBeFalse();
        });
    }

    [Fact]
    public void Cursor_OfAnotherTenant_IsRefused()
    {
        Gen.Select(Gen.Guid, Gen.Guid, Position).Where((tenant, other, _) => tenant != other).Sample((tenant, other, position) =>
            MessageFeedCursor.TryDecode(MessageFeedCursor.Encode(other, position), tenant, out _).ShouldBeFalse());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("AQ")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_IsRefused(string text)
    {
        MessageFeedCursor.TryDecode(text, Guid.NewGuid(), out _).ShouldBeFalse();
    }
}
