using System.Security.Cryptography;
using System.Text;

namespace Messaging;

/// <summary>The same id for the same name, every time and on every instance: a name-based (version 8) id from SHA-256.</summary>
public static class NameBasedGuid
{
    public static Guid From(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
