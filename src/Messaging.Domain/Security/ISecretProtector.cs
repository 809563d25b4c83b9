namespace Messaging.Security;

/// <summary>
/// Encrypts secrets a tenant hands us (provider credentials, signing secrets) before they are stored, and decrypts them
/// when a sender needs them. Every instance shares the keys, so any instance can read what another stored.
/// </summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was not protected with a key this deployment has.</exception>
    string Unprotect(string protectedSecret);
}
