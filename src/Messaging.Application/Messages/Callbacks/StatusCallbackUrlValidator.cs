using System.Net;
using Messaging.Security;

namespace Messaging.Messages.Callbacks;

/// <summary>
/// Checks a callback address when it is set, so obvious mistakes answer 400 at once. It is not the protection: a
/// host name can resolve anywhere, later too; the SSRF guard checks every connection.
/// </summary>
public static class StatusCallbackUrlValidator
{
    public const string UrlField = "url";
    public const string SecretField = "secret";

    public static Dictionary<string, string[]> Validate(SetMessageCallbackDto input, bool allowPrivateNetworks, out Uri? url)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        url = null;
        var problem = input.Url switch
        {
            null or "" => "The callback URL is required.",
            { Length: > StatusCallbackConsts.MaxUrlLength } => $"The callback URL must be at most {StatusCallbackConsts.MaxUrlLength} characters.",
            _ => CheckUrl(input.Url, allowPrivateNetworks, out url)
        };
        if (problem is not null)
        {
            errors[UrlField] = [problem];
            url = null;
        }

        if (input.Secret is not null && !StatusCallbackSecret.IsAcceptable(input.Secret))
        {
            errors[SecretField] = [$"The secret must be {StatusCallbackConsts.MinSecretLength} to {StatusCallbackConsts.MaxSecretLength} visible ASCII characters; leave it out to have one generated."];
        }

        return errors;
    }

    private static string? CheckUrl(string value, bool allowPrivateNetworks, out Uri? url)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out url) || url.Host.Length == 0
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "The callback URL must be an absolute https URL.";
        }

        if (url.Scheme == Uri.UriSchemeHttp && !allowPrivateNetworks)
        {
            return "The callback URL must use https.";
        }

        if (url.UserInfo.Length > 0)
        {
            return "The callback URL must not carry credentials; callbacks are authenticated by their signature.";
        }

        if (!allowPrivateNetworks && IsObviouslyPrivate(url))
        {
            return "The callback URL must point to a public internet address, not a private, loopback or link-local one.";
        }

        return null;
    }

    /// <summary>An address literal we would refuse to connect to anyway; names are judged when they are resolved.</summary>
    private static bool IsObviouslyPrivate(Uri url)
    {
        var host = url.IdnHost.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(host, out var address) && !AddressClassifier.IsPublic(address);
    }
}
