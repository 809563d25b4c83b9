namespace Messaging.Messages;

public static class ProviderConfigurationConsts
{
    public const int MaxProviderLength = MessageConsts.MaxProviderNameLength;
    public const int MaxBaseUrlLength = 512;
    public const int MaxSenderIdLength = 128;
    public const int MaxCredentialLength = 2048;
    public const int MinSigningSecretLength = 16;
    public const int MaxSigningSecretLength = 256;

    /// <summary>Protected values are longer than their clear text (key id, IV, MAC, base64).</summary>
    public const int MaxProtectedLength = 4096;

    public const int MaxSandboxPageSize = 200;
}
