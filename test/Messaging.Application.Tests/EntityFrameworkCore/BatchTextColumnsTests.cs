using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.EventBus;
using Messaging.Messages;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

/// <summary>What each provider is known to refuse, found per row before a batch is written, and how each classifies what it refused.</summary>
public class BatchTextColumnsTests
{
    private static readonly BatchTextColumns Columns = ColumnsOf(new PostgreSqlMessagingDbContextFactory().CreateDbContext([]));

    [Fact]
    public void EveryTextColumnABatchWrites_IsChecked()
    {
        using var context = new SqlServerMessagingDbContextFactory().CreateDbContext([]);
        // Written as NULL by the batch stores, or not at all: a message is accepted with no provider, failure or reason,
        // and its trace context is stored only when it is queued (the acceptance event carries the accept's).
        string[] notWritten = ["ProviderName", "ProviderMessageId", "FailureCode", "Reason", "LastError"];
        (Type, string)[] notWrittenOf = [(typeof(Message), nameof(Message.TraceParent))];

        var textColumns = new[] { typeof(Message), typeof(MessageStatusChange), typeof(OutboxMessage) }
            .SelectMany(type => context.Model.FindEntityType(type)!.GetProperties()
                .Where(p => (p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType) == typeof(string) && !notWritten.Contains(p.Name)
                    && !notWrittenOf.Contains((type, p.Name)))
                .Select(p => (type, p.Name)));

        BatchTextColumns.Columns.ShouldBe(textColumns, ignoreOrder: true);
    }

    // By index: an attribute stores its strings as UTF-8, which has no lone surrogates.
    private static readonly (string Content, UnstorableReason Reason)[] ContentPostgreSqlCannotHold =
    [
        ("nul \0 inside", UnstorableReason.NulCharacter),
        ("lone \ud800 high surrogate", UnstorableReason.LoneSurrogate),
        ("lone \udc00 low surrogate", UnstorableReason.LoneSurrogate),
        ("ends on a high surrogate \ud83d", UnstorableReason.LoneSurrogate),
        ("\udc00\ud800 a pair in the wrong order", UnstorableReason.LoneSurrogate)
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void PostgreSql_RefusesContentItCannotHold(int example)
    {
        var (content, reason) = ContentPostgreSqlCannotHold[example];

        var unstorable = Columns.FindUnstorableValue(Row(TestMessages.Sms(Guid.NewGuid(), content)), TextColumnRules.PostgreSql);

        unstorable.ShouldNotBeNull().Reason.ShouldBe(reason);
        unstorable.Description.ShouldStartWith("Message.Content ");
    }

    [Fact]
    public void PostgreSql_TakesPairedSurrogatesAndOrdinaryText()
    {
        Columns.FindUnstorableValue(Row(TestMessages.Sms(Guid.NewGuid(), "emoji \ud83d\ude00 and ünïcödé")), TextColumnRules.PostgreSql).ShouldBeNull();
    }

    [Fact]
    public void TheOutboxRow_IsCheckedToo()
    {
        var row = Row(TestMessages.Sms(Guid.NewGuid()));
        var e = row.AcceptedEvent;
        var withNulPayload = row with
        {
            AcceptedEvent = new OutboxMessage(e.Id, e.EventName, e.Payload + "\0", e.TenantId, e.CorrelationId, e.TraceParent, e.CreatedAt)
        };
        var withLongTraceParent = row with
        {
            AcceptedEvent = new OutboxMessage(e.Id, e.EventName, e.Payload, e.TenantId, e.CorrelationId, new string('0', 129), e.CreatedAt)
        };

        Columns.FindUnstorableValue(withNulPayload, TextColumnRules.PostgreSql).ShouldNotBeNull().Description.ShouldStartWith("OutboxMessage.Payload ");
        Columns.FindUnstorableValue(withLongTraceParent, TextColumnRules.PostgreSql).ShouldNotBeNull().Reason.ShouldBe(UnstorableReason.TooLong);
    }

    [Fact]
    public void ColumnLengths_CountAsEachProviderCounts()
    {
        var tooManyLetters = Email(new string('a', MessageConsts.MaxRecipientLength - 1) + "@x");
        // 320 code points in 640 UTF-16 code units: varchar(320) takes it, nvarchar(320) does not.
        var emoji = Email(string.Concat(Enumerable.Repeat("\ud83d\ude00", MessageConsts.MaxRecipientLength - 2)) + "@x");

        Columns.FindUnstorableValue(tooManyLetters, TextColumnRules.PostgreSql).ShouldNotBeNull().Description
            .ShouldBe($"Message.Recipient is longer than the {MessageConsts.MaxRecipientLength} characters its column holds");
        Columns.FindUnstorableValue(tooManyLetters, TextColumnRules.SqlServer).ShouldNotBeNull().Reason.ShouldBe(UnstorableReason.TooLong);
        Columns.FindUnstorableValue(tooManyLetters, TextColumnRules.Sqlite).ShouldBeNull("SQLite enforces no declared length");
        Columns.FindUnstorableValue(emoji, TextColumnRules.PostgreSql).ShouldBeNull();
        Columns.FindUnstorableValue(emoji, TextColumnRules.SqlServer).ShouldNotBeNull().Reason.ShouldBe(UnstorableReason.TooLong);
    }

    [Fact]
    public void SqliteAndSqlServer_RefuseOnlyWhatTheyCannotKeepAsGiven()
    {
        var nul = Row(TestMessages.Sms(Guid.NewGuid(), "nul \0 inside"));
        var lone = Row(TestMessages.Sms(Guid.NewGuid(), "lone \ud800 surrogate"));

        Columns.FindUnstorableValue(nul, TextColumnRules.Sqlite).ShouldBeNull();
        Columns.FindUnstorableValue(lone, TextColumnRules.Sqlite).ShouldNotBeNull().Reason.ShouldBe(UnstorableReason.LoneSurrogate);
        Columns.FindUnstorableValue(nul, TextColumnRules.SqlServer).ShouldBeNull();
        Columns.FindUnstorableValue(lone, TextColumnRules.SqlServer).ShouldBeNull();
    }

    [Fact]
    public void ColumnLengths_ComeFromEachProvidersModel()
    {
        var tooLong = Email(new string('a', MessageConsts.MaxRecipientLength) + "@x");
        using var sqlite = new SqliteMessagingDbContextFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerMessagingDbContextFactory().CreateDbContext([]);

        ColumnsOf(sqlServer).FindUnstorableValue(tooLong, TextColumnRules.SqlServer).ShouldNotBeNull();
        ColumnsOf(sqlite).FindUnstorableValue(tooLong, TextColumnRules.PostgreSql).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(8152, UnstorableReason.TooLong)]
    [InlineData(2628, UnstorableReason.TooLong)]
    [InlineData(4815, UnstorableReason.TooLong)]
    [InlineData(515, UnstorableReason.ConstraintViolated)]
    [InlineData(547, UnstorableReason.ConstraintViolated)]
    [InlineData(2601, UnstorableReason.ConstraintViolated)]
    [InlineData(2627, UnstorableReason.ConstraintViolated)]
    [InlineData(245, UnstorableReason.InvalidValue)]
    [InlineData(8115, UnstorableReason.InvalidValue)]
    public void SqlServer_DataErrors_BlameARow(int number, UnstorableReason reason) =>
        SqlServerRowErrors.Classify(number).ShouldBe(reason);

    [Theory]
    [InlineData(1205)] // chosen as a deadlock victim
    [InlineData(-2)] // client timeout
    [InlineData(4060)] // cannot open the database
    [InlineData(40613)] // database unavailable (Azure)
    [InlineData(9002)] // transaction log full
    [InlineData(1105)] // filegroup full
    public void SqlServer_StorageErrors_DoNotBlameARow(int number) =>
        SqlServerRowErrors.Classify(number).ShouldBeNull();

    [Theory]
    [InlineData("22021", UnstorableReason.InvalidValue)]
    [InlineData("22P02", UnstorableReason.InvalidValue)]
    [InlineData("22001", UnstorableReason.TooLong)]
    [InlineData("54000", UnstorableReason.TooLong)]
    [InlineData("23505", UnstorableReason.ConstraintViolated)]
    [InlineData("23502", UnstorableReason.ConstraintViolated)]
    [InlineData("40P01", null)] // deadlock
    [InlineData("40001", null)] // serialization failure
    [InlineData("57P01", null)] // administrator shutdown
    [InlineData("08006", null)] // connection failure
    [InlineData("53100", null)] // disk full
    public void PostgreSql_OnlyDataAndIntegrityErrors_BlameARow(string sqlState, UnstorableReason? reason) =>
        PostgreSqlRowErrors.Classify(sqlState).ShouldBe(reason);

    [Theory]
    [InlineData(19, UnstorableReason.ConstraintViolated)]
    [InlineData(19 | (5 << 8), UnstorableReason.ConstraintViolated)] // an extended code, SQLITE_CONSTRAINT_PRIMARYKEY
    [InlineData(20, UnstorableReason.InvalidValue)]
    [InlineData(18, UnstorableReason.TooLong)]
    [InlineData(5, null)] // busy
    [InlineData(10, null)] // I/O error
    [InlineData(13, null)] // disk full
    public void Sqlite_OnlyConstraintAndValueErrors_BlameARow(int resultCode, UnstorableReason? reason) =>
        SqliteRowErrors.Classify(resultCode).ShouldBe(reason);

    private static BatchTextColumns ColumnsOf(MessagingDbContext context)
    {
        using (context)
        {
            return new BatchTextColumns(context.Model);
        }
    }

    private static AcceptedMessage Email(string recipient) =>
        Row(Message.Accept(Guid.NewGuid(), MessageChannel.Email, recipient, "hi", MessagePriority.Normal, null, null, DateTime.UtcNow));

    private static AcceptedMessage Row(Message message) => new(message, TestMessages.AcceptedEvent(message));
}
