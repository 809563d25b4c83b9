using Messaging.Messages;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>A value the database refused, as the Messages batch refuses the row: the reason its metric and its 422 name.</summary>
internal static class BatchRowRefusals
{
    public static UnstorableReason AsUnstorableReason(this RefusedValueKind kind) => kind switch
    {
        RefusedValueKind.TooLong => UnstorableReason.TooLong,
        RefusedValueKind.InvalidValue => UnstorableReason.InvalidValue,
        RefusedValueKind.ConstraintViolated => UnstorableReason.ConstraintViolated,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null)
    };

    public static BatchRowRefusedException? From(RefusedValue? refused, Exception exception) =>
        refused is null ? null : new BatchRowRefusedException(refused.Kind.AsUnstorableReason(), refused.Description, exception);
}
