namespace Messaging.Security;

/// <summary>
/// A tenant-supplied address resolved to a network the platform must not call (private, loopback, link-local...).
/// Permanent: the same address will be refused again, so callers fail instead of retrying.
/// </summary>
public sealed class AddressNotAllowedException(string host, string address)
    : IOException($"'{host}' resolves to {address}, which is not a public internet address; the host admin has not allowed private networks.")
{
    /// <summary>The error code callers report for it (a send result, a callback outcome).</summary>
    public const string ErrorCode = "address-not-allowed";

    public string Host { get; } = host;

    public string Address { get; } = address;

    /// <summary>Finds the refusal inside what an HTTP client threw (it wraps connection failures).</summary>
    public static bool IsCauseOf(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is AddressNotAllowedException)
            {
                return true;
            }
        }

        return false;
    }
}
