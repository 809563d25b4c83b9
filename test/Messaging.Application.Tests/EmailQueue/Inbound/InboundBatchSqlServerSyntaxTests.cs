using Messaging.EntityFrameworkCore.EmailQueue;

namespace Messaging.EntityFrameworkCore;

/// <summary>Phase 2's statements as the batch writer builds them for SQL Server, read by Microsoft's T-SQL parser.</summary>
public partial class SqlServerSyntaxTests
{
    [Fact]
    public void TheInboundBatchWritersStatements_AreValidTSql()
    {
        var rows = new[] { new[] { "@p1", "@p2", "@p3", "@p4" }, new[] { "@p5", "@p6", "@p7", "@p8" } };

        AssertParses("the inbound subjects upsert", InboundBatchSql.Upsert(true, EmailQueueDbProperties.InboundSubjectsTable, ["TenantId", "Key"],
            ["TenantId", "Key", "Subject", "Count"],
            [("Count", "CASE WHEN {t}.\"WindowStartedAt\" < {start} THEN {s}.\"Count\" ELSE {t}.\"Count\" + {s}.\"Count\" END")], rows, "@p0"));
        AssertParses("the rule counters", InboundBatchSql.IncrementById(EmailQueueDbProperties.RulesTable, ["@p0", "@p1"],
            [("ProcessedCount", ["@p2", "@p3"]), ("DeletedCount", ["@p4", "@p5"])], [("LastHitAt", "@p6")]));
    }
}
