using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Messaging.EntityFrameworkCore;

/// <summary>All times are stored in UTC; this gives them back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
