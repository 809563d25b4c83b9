namespace Messaging.Messages.Delivery;

/// <summary>
/// Where and as whom a tenant's messages of one channel are sent: the provider's name (which sender handles it), its base
/// address, the sender identity at the provider (a phone number id, a sender number), the credential it authenticates
/// with and the secret that signs what we send or verifies what it sends back. Credential and secret are in clear here,
/// in memory only; they are stored protected.
/// </summary>
public sealed record ProviderEndpoint(
    string Provider,
    Uri? BaseUrl,
    string? SenderId,
    string? Credential,
    string? SigningSecret)
{
    /// <summary>Never prints the credential or the secret.</summary>
    public override string ToString() => $"{Provider} at {BaseUrl?.GetLeftPart(UriPartial.Authority) ?? "(none)"}";
}
