namespace Messaging.Messages.Delivery;

/// <summary>
/// How one provider posts receipts: its body shape and its signature scheme. One class per scheme; a provider that
/// posts in the platform's own format registers that format under its name.
/// </summary>
public interface IReceiptFormat
{
    /// <summary>The provider's name in the route, the same name its sender stores on the messages it sent.</summary>
    string Provider { get; }

    /// <summary>
    /// A check of the headers alone, before any lookup: a request without a signature, or with a timestamp outside
    /// the tolerance, is refused without touching the database.
    /// </summary>
    bool HasUsableSignature(IReadOnlyDictionary<string, string> headers, DateTimeOffset now, TimeSpan tolerance);

    /// <exception cref="ExceptionHandling.InputValidationException">The body is not a receipt of this format.</exception>
    IReadOnlyList<ProviderReceipt> Parse(ReadOnlyMemory<byte> body);

    /// <summary>True when the signature verifies with <paramref name="secret"/>; compares in constant time.</summary>
    bool Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers, string secret, DateTimeOffset now, TimeSpan tolerance);
}
