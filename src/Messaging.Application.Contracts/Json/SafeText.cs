namespace Messaging.Json;

/// <summary>
/// Text every store keeps as it was sent: no U+0000 (PostgreSQL refuses it in text, and one such value would fail a
/// whole batch of writes) and no unpaired surrogate (not Unicode; UTF-8 cannot encode it).
/// </summary>
public static class SafeText
{
    public const string Requirement = "Text may not contain U+0000 or unpaired surrogates.";

    public static bool IsSafe(ReadOnlySpan<char> text) => FirstUnsafeIndex(text) < 0;

    /// <summary>Where the first U+0000 or unpaired surrogate is, or -1 when the text is safe.</summary>
    public static int FirstUnsafeIndex(ReadOnlySpan<char> text)
    {
        var nul = text.IndexOf('\0');
        var surrogate = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (surrogate < 0 || (nul >= 0 && nul < surrogate))
        {
            return nul;
        }

        for (var i = surrogate; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (text[i] == '\0' || char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
