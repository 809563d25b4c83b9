namespace Messaging.EntityFrameworkCore.EmailQueue;

public static class EmailQueueDbProperties
{
    public const string DbTablePrefix = "Eml";
    public const string EventsTable = DbTablePrefix + "Events";
    public const string AttemptsTable = DbTablePrefix + "Attempts";
    public const string SuppressionsTable = DbTablePrefix + "Suppressions";
    public const string SmtpSettingsTable = DbTablePrefix + "SmtpSettings";
}
