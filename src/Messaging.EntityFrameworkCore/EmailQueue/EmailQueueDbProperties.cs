namespace Messaging.EntityFrameworkCore.EmailQueue;

public static class EmailQueueDbProperties
{
    public const string DbTablePrefix = "Eml";
    public const string EventsTable = DbTablePrefix + "Events";
    public const string AttemptsTable = DbTablePrefix + "Attempts";
    public const string SuppressionsTable = DbTablePrefix + "Suppressions";
    public const string SmtpSettingsTable = DbTablePrefix + "SmtpSettings";
    public const string InboundWorkersTable = DbTablePrefix + "InboundWorkers";
    public const string RulesTable = DbTablePrefix + "Rules";
    // The audit began with rule changes only; the table keeps its first name so upgrades keep that history.
    public const string AuditsTable = DbTablePrefix + "RuleAudits";
    public const string InboundEmailsTable = DbTablePrefix + "InboundEmails";
    public const string InboundStatsTable = DbTablePrefix + "InboundStats";
    public const string InboundCampaignsTable = DbTablePrefix + "InboundCampaigns";
    public const string InboundSubjectsTable = DbTablePrefix + "InboundSubjects";
    public const string TemplatesTable = DbTablePrefix + "Templates";
    public const string TemplateVersionsTable = DbTablePrefix + "TemplateVersions";
}
