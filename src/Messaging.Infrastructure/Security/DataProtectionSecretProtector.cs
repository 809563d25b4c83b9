using Messaging.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Messaging.Infrastructure.Security;

/// <summary>Provider secrets protected with ASP.NET Core Data Protection, whose key ring every instance reads from the database.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    /// <summary>Changing the purpose makes every stored secret unreadable: it is part of the stored data's format.</summary>
    public const string Purpose = "Messaging.Messages.ProviderSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
