namespace Messaging.EntityFrameworkCore.Attachment;

public static class AttachmentDbProperties
{
    public const string DbTablePrefix = "Att";
    public const string JobsTable = DbTablePrefix + "Jobs";
    public const string TombstonesTable = DbTablePrefix + "Tombstones";
    public const string AuditTable = DbTablePrefix + "AuditEntries";
}
