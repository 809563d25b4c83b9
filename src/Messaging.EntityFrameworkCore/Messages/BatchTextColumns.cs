using Messaging.EventBus;
using Messaging.Messages;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// Every text column the batch stores write, with its length read from the EF Core model (so it cannot drift from
/// the schema), checked against what a provider is known to refuse or to store altered. A row that fails is refused
/// before the batch touches the database, at no round trip; the others are written as usual.
/// </summary>
public sealed class BatchTextColumns
{
    private static readonly TextColumn[] Written =
    [
        new(typeof(Message), nameof(Message.Channel), row => row.Message.Channel.ToString()),
        new(typeof(Message), nameof(Message.Recipient), row => row.Message.Recipient),
        new(typeof(Message), nameof(Message.Content), row => row.Message.Content),
        new(typeof(Message), nameof(Message.Priority), row => row.Message.Priority.ToString()),
        new(typeof(Message), nameof(Message.MetadataJson), row => row.Message.MetadataJson),
        new(typeof(Message), nameof(Message.IdempotencyKey), row => row.Message.IdempotencyKey),
        new(typeof(Message), nameof(Message.RequestHash), row => row.Message.RequestHash),
        new(typeof(Message), nameof(Message.Status), row => row.Message.Status.ToString()),
        new(typeof(MessageStatusChange), nameof(MessageStatusChange.Status), row => row.Message.History[0].Status.ToString()),
        new(typeof(OutboxMessage), nameof(OutboxMessage.EventName), row => row.AcceptedEvent.EventName),
        new(typeof(OutboxMessage), nameof(OutboxMessage.Payload), row => row.AcceptedEvent.Payload),
        new(typeof(OutboxMessage), nameof(OutboxMessage.CorrelationId), row => row.AcceptedEvent.CorrelationId),
        new(typeof(OutboxMessage), nameof(OutboxMessage.TraceParent), row => row.AcceptedEvent.TraceParent)
    ];

    private readonly int?[] _maxLengths;

    public BatchTextColumns(IModel model)
    {
        _maxLengths = Written
            .Select(column => (model.FindEntityType(column.Entity)?.FindProperty(column.Property)
                ?? throw new InvalidOperationException($"The model maps no column {column.Name}.")).GetMaxLength())
            .ToArray();
    }

    /// <summary>The columns checked, as entity type and property: every text column a batch writes a value to.</summary>
    public static IEnumerable<(Type Entity, string Property)> Columns => Written.Select(column => (column.Entity, column.Property));

    public UnstorableValue? FindUnstorableValue(AcceptedMessage row, TextColumnRules rules)
    {
        for (var i = 0; i < Written.Length; i++)
        {
            var column = Written[i];
            if (column.Read(row) is not { } value)
            {
                continue;
            }

            if (rules.RefusesNul && value.Contains('\0'))
            {
                return new UnstorableValue(UnstorableReason.NulCharacter,
                    $"{column.Name} holds a NUL character (U+0000), which this database cannot store");
            }

            if (rules.RefusesLoneSurrogates && HasLoneSurrogate(value))
            {
                return new UnstorableValue(UnstorableReason.LoneSurrogate,
                    $"{column.Name} holds an unpaired UTF-16 surrogate, which is not Unicode text");
            }

            if (_maxLengths[i] is { } maxLength && value.Length > maxLength && rules.LengthOf(value) > maxLength)
            {
                return new UnstorableValue(UnstorableReason.TooLong,
                    $"{column.Name} is longer than the {maxLength} characters its column holds");
            }
        }

        return null;
    }

    private static bool HasLoneSurrogate(string value)
    {
        var text = value.AsSpan();
        var first = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return false;
        }

        for (var i = first; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record TextColumn(Type Entity, string Property, Func<AcceptedMessage, string?> Read)
    {
        public string Name { get; } = $"{Entity.Name}.{Property}";
    }
}

/// <summary>What a provider's text columns refuse, and in which unit it counts a column's length (if it enforces one).</summary>
public sealed record TextColumnRules(bool RefusesNul, bool RefusesLoneSurrogates, TextLengthUnit EnforcedLength)
{
    /// <summary>
    /// SQLite stores text as UTF-8 and enforces no declared length; it takes U+0000, but a lone surrogate is
    /// encoded as U+FFFD: the stored message would not be the one acknowledged.
    /// </summary>
    public static TextColumnRules Sqlite { get; } = new(RefusesNul: false, RefusesLoneSurrogates: true, TextLengthUnit.NotEnforced);

    /// <summary>PostgreSQL refuses U+0000 in text (22021), Npgsql refuses a lone surrogate, varchar(n) counts code points.</summary>
    public static TextColumnRules PostgreSql { get; } = new(RefusesNul: true, RefusesLoneSurrogates: true, TextLengthUnit.CodePoints);

    /// <summary>SQL Server's nvarchar holds any UTF-16 code unit, U+0000 included; nvarchar(n) counts code units.</summary>
    public static TextColumnRules SqlServer { get; } = new(RefusesNul: false, RefusesLoneSurrogates: false, TextLengthUnit.Utf16CodeUnits);

    public int LengthOf(string value) => EnforcedLength switch
    {
        TextLengthUnit.NotEnforced => 0,
        TextLengthUnit.CodePoints => value.EnumerateRunes().Count(),
        _ => value.Length
    };
}

public enum TextLengthUnit
{
    NotEnforced,
    CodePoints,
    Utf16CodeUnits
}
