namespace Messaging.Security;

/// <summary>
/// A tenant-supplied address resolved to a network the platform must not call (private, loopback, link-local...), or
/// named a port tenants may not use. For the operator's log only: tenants are told no more than that the address could
/// not be reached, as for any address that does not answer, so refusals do not map the platform's network for them.
/// </summary>
public sealed class AddressNotAllowedException(string host, string address, string reason)
    : IOException($"'{host}' ({address}) is not allowed: {reason}.")
{
    public AddressNotAllowedException(string host, string address)
        : this(host, address, "not a public internet address, and the host admin has not allowed private networks")
    {
    }

    public static AddressNotAllowedException ForPort(string host, int port) =>
        new(host, $"port {port}", "tenant-supplied addresses may use only the ports in Delivery:AllowedPorts");

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
