namespace Messaging.Messages.Callbacks;

public static class StatusCallbackConsts
{
    public const int MaxUrlLength = 2048;

    /// <summary>A secret the tenant chooses must be at least this long (a generated one has 43 characters after its marker).</summary>
    public const int MinSecretLength = 32;

    public const int MaxSecretLength = 256;

    /// <summary>Protected secrets are longer than the secret: Data Protection adds a key id, an IV and a MAC, then Base64.</summary>
    public const int MaxProtectedSecretLength = 1024;
}
