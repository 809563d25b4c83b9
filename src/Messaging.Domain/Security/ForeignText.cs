using System.Text;

namespace Messaging.Security;

/// <summary>
/// Text a tenant's provider or webhook receiver chose (its message id, error codes, error bodies), made fit for a column:
/// control characters (NUL among them, which PostgreSQL refuses in text) become spaces, a lone surrogate becomes U+FFFD,
/// and it is cut to the column's length without splitting a surrogate pair. Whatever an answer holds, the row it goes
/// into can be written.
/// </summary>
public static class ForeignText
{
    public static string? Bound(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var index = 0; index < text.Length && clean.Length < maxLength; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                if (clean.Length + 2 > maxLength)
                {
                    break;
                }

                clean.Append(character).Append(text[++index]);
            }
            else if (char.IsSurrogate(character))
            {
                clean.Append('\uFFFD');
            }
            else
            {
                clean.Append(char.IsControl(character) ? ' ' : character);
            }
        }

        return clean.ToString();
    }

    /// <summary>
    /// The text as it is when it can be stored unchanged in a column of <paramref name="maxLength"/>, otherwise null: an
    /// identifier that had to be altered would identify nothing.
    /// </summary>
    public static string? AsIdentifier(string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && string.Equals(Bound(text, maxLength), text, StringComparison.Ordinal)
            ? text
            : null;
}
