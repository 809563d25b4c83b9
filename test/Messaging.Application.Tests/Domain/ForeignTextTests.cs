using System.Text;
using CsCheck;
using Messaging.Security;

namespace Messaging.Domain;

public class ForeignTextTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Any UTF-16 code units at all, lone surrogates and control characters included.</summary>
    private static readonly Gen<string> AnyText = Gen.Char.Array[0, 300].Select(chars => new string(chars));

    [Fact]
    public void Bound_TextFitsItsColumn_AndEncodes_WhateverItWas() =>
        Gen.Select(AnyText, Gen.Int[1, 200]).Sample((text, maxLength) =>
        {
            var bound = ForeignText.Bound(text, maxLength)!;
            bound.Length.ShouldBeLessThanOrEqualTo(maxLength);
            bound.ShouldNotContain(character => char.IsControl(character));
            Should.NotThrow(() => StrictUtf8.GetByteCount(bound), "no lone surrogate is left to refuse encoding");
        });

    [Fact]
    public void Bound_KeepsCleanText_AndNeverSplitsASurrogatePair()
    {
        ForeignText.Bound("invalid 'To' number", 64).ShouldBe("invalid 'To' number");
        ForeignText.Bound("a\0b\r\nc", 64).ShouldBe("a b  c");
        ForeignText.Bound("ab\uD83D\uDE00", 3).ShouldBe("ab");
        ForeignText.Bound("x\uDC00y", 64).ShouldBe("x\uFFFDy");
        ForeignText.Bound(null, 64).ShouldBeNull();
    }

    [Fact]
    public void AsIdentifier_IsTheIdUnchanged_OrNothing()
    {
        ForeignText.AsIdentifier("SM0123456789abcdef", 128).ShouldBe("SM0123456789abcdef");
        ForeignText.AsIdentifier(new string('S', 129), 128).ShouldBeNull();
        ForeignText.AsIdentifier("SM\0", 128).ShouldBeNull();
        ForeignText.AsIdentifier("SM\uD800", 128).ShouldBeNull();
        ForeignText.AsIdentifier("", 128).ShouldBeNull();
    }
}
