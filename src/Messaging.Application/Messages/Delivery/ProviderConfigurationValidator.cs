using Messaging.ExceptionHandling;

namespace Messaging.Messages.Delivery;

/// <summary>What a channel's configuration will be once a request is applied: validated, with secrets still in clear.</summary>
public sealed record ProviderConfigurationChange(
    string Provider,
    string? BaseUrl,
    string? SenderId,
    SecretChange Credential,
    SecretChange SigningSecret);

/// <summary>Keep the stored secret, remove it, or replace it with <see cref="Value"/>.</summary>
public readonly record struct SecretChange(SecretChangeKind Kind, string? Value)
{
    public static SecretChange Keep => new(SecretChangeKind.Keep, null);

    public static SecretChange Remove => new(SecretChangeKind.Remove, null);

    public static SecretChange Replace(string value) => new(SecretChangeKind.Replace, value);
}

public enum SecretChangeKind
{
    Keep,
    Remove,
    Replace
}

/// <summary>
/// Checks a channel's provider settings against the rules of the sender that will use them, listing every problem at once.
/// Field problems answer 400; a provider that cannot deliver the channel at all answers 422.
/// </summary>
public static class ProviderConfigurationValidator
{
    public static ProviderConfigurationChange Validate(MessageChannel channel, SetProviderConfigurationDto input, ProviderConfiguration? existing,
        IReadOnlyCollection<IMessageSender> senders, bool allowPrivateNetworks)
    {
        if (!Enum.IsDefined(channel))
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["channel"] = [$"The channel must be one of: {string.Join(", ", Enum.GetNames<MessageChannel>())}."]
            });
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var providerName = string.IsNullOrWhiteSpace(input.Provider) ? ProviderNames.DefaultFor(channel) : input.Provider.Trim().ToLowerInvariant();
        var sender = providerName is null ? null : senders.FirstOrDefault(s => s.Provider == providerName);
        if (sender is null)
        {
            var known = string.Join(", ", senders.Select(s => s.Provider).Order(StringComparer.Ordinal));
            errors["provider"] = [providerName is null
                ? $"Name the provider for the {channel} channel; this deployment has: {known}."
                : $"There is no provider named '{Truncate(providerName)}'; this deployment has: {known}."];
            throw new InputValidationException(errors);
        }

        if (!sender.Supports(channel))
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.ProviderDoesNotSupportChannel,
                $"The {sender.Provider} provider cannot deliver {channel} messages.");
        }

        var rules = sender.Settings;
        var baseUrl = ValidateBaseUrl(input.BaseUrl, rules.BaseUrl, sender.Provider, allowPrivateNetworks, errors);
        var senderId = ValidateText("senderId", input.SenderId, rules.SenderId, sender.Provider, ProviderConfigurationConsts.MaxSenderIdLength, errors);
        // A secret goes only where it was given for: a new provider or address needs it again.
        var canKeep = existing is not null && existing.KeepsCredentialFor(sender.Provider, baseUrl);
        var credential = ValidateSecret("credential", input.Credential, rules.Credential, sender.Provider,
            canKeep && existing!.ProtectedCredential is not null, 1, ProviderConfigurationConsts.MaxCredentialLength, errors);
        if (credential.Kind == SecretChangeKind.Replace && rules.CredentialProblem(credential.Value!) is { } problem)
        {
            errors["credential"] = [problem];
        }

        var signingSecret = ValidateSecret("signingSecret", input.SigningSecret, rules.SigningSecret, sender.Provider,
            canKeep && existing!.ProtectedSigningSecret is not null,
            ProviderConfigurationConsts.MinSigningSecretLength, ProviderConfigurationConsts.MaxSigningSecretLength, errors);

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return new ProviderConfigurationChange(sender.Provider, baseUrl, senderId, credential, signingSecret);
    }

    private static string? ValidateBaseUrl(string? value, ProviderSetting rule, string provider, bool allowHttp, Dictionary<string, string[]> errors)
    {
        const string field = "baseUrl";
        if (string.IsNullOrWhiteSpace(value))
        {
            if (rule == ProviderSetting.Required)
            {
                errors[field] = [$"The {provider} provider needs a base URL, such as https://provider.example.com."];
            }

            return null;
        }

        if (rule == ProviderSetting.NotUsed)
        {
            errors[field] = [$"The {provider} provider takes no base URL."];
            return null;
        }

        if (value.Length > ProviderConfigurationConsts.MaxBaseUrlLength
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            || uri.Host.Length == 0)
        {
            errors[field] = [allowHttp
                ? $"The base URL must be an absolute http or https URL of at most {ProviderConfigurationConsts.MaxBaseUrlLength} characters."
                : $"The base URL must be an absolute https URL of at most {ProviderConfigurationConsts.MaxBaseUrlLength} characters."];
            return null;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors[field] = ["The base URL may not carry credentials, a query or a fragment; credentials go in 'credential', where they are stored protected."];
            return null;
        }

        return uri.AbsoluteUri.TrimEnd('/');
    }

    private static string? ValidateText(string field, string? value, ProviderSetting rule, string provider, int maxLength,
        Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (rule == ProviderSetting.Required)
            {
                errors[field] = [$"The {provider} provider needs '{field}'."];
            }

            return null;
        }

        if (rule == ProviderSetting.NotUsed)
        {
            errors[field] = [$"The {provider} provider takes no '{field}'."];
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength || trimmed.Any(char.IsControl))
        {
            errors[field] = [$"'{field}' must be at most {maxLength} characters, without control characters."];
            return null;
        }

        return trimmed;
    }

    private static SecretChange ValidateSecret(string field, string? value, ProviderSetting rule, string provider, bool storedCanStay,
        int minLength, int maxLength, Dictionary<string, string[]> errors)
    {
        if (value is null && storedCanStay)
        {
            return SecretChange.Keep;
        }

        if (string.IsNullOrEmpty(value))
        {
            if (rule == ProviderSetting.Required)
            {
                errors[field] = [storedCanStay || value is not null
                    ? $"The {provider} provider needs '{field}'; it cannot be removed."
                    : $"The {provider} provider needs '{field}' (send it again when the provider or base URL changes)."];
            }

            return SecretChange.Remove;
        }

        if (rule == ProviderSetting.NotUsed)
        {
            errors[field] = [$"The {provider} provider takes no '{field}'."];
            return SecretChange.Remove;
        }

        if (value.Length < minLength || value.Length > maxLength || value.Any(char.IsControl))
        {
            errors[field] = [$"'{field}' must be {minLength} to {maxLength} characters, without control characters."];
            return SecretChange.Remove;
        }

        return SecretChange.Replace(value);
    }

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
