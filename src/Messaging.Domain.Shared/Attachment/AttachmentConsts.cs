namespace Messaging.Attachment;

public static class AttachmentConsts
{
    public const int MaxFileNameLength = 255;
    public const int MaxContentTypeLength = 127;
    public const int MaxStorageKeyLength = 200;
    public const int MaxStatusLength = 16;
    public const int MaxErrorLength = 2000;
    public const int MaxProcessorNameLength = 32;
    public const int MaxActorNameLength = 128;
    public const int MaxAuditDetailLength = 1000;
    public const int Sha256HexLength = 64;

    /// <summary>The queue priority of Premium and Enterprise tenants' uploads; Basic tenants' is <see cref="BasicPriority"/> (seed property 6).</summary>
    public const int PremiumPriority = 10;

    public const int BasicPriority = 0;

    /// <summary>A signed link lives at most this long (seed 2.2).</summary>
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(7);
}
