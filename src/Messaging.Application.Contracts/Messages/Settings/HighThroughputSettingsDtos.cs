using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace Messaging.Messages.Settings;

/// <summary>
/// The settings as a JSON document shaped like the <c>HighThroughput</c> configuration section (sections and settings in
/// camelCase, durations as <c>hh:mm:ss</c>, enums by name). Settings read only at start are not part of it.
/// </summary>
public sealed record HighThroughputSettingsDto(int Version, JsonObject Settings, DateTime? ChangedAt, string? ChangedBy);

public sealed class UpdateHighThroughputSettingsDto
{
    /// <summary>
    /// The version the change was made against (from a GET); a change made meanwhile is answered 409 instead of
    /// being overwritten. Without it, the change applies to whatever version is current.
    /// </summary>
    public int? ExpectedVersion { get; set; }

    [Required]
    public JsonObject? Settings { get; set; }
}

public sealed class RestoreHighThroughputSettingsDto
{
    /// <inheritdoc cref="UpdateHighThroughputSettingsDto.ExpectedVersion"/>
    public int? ExpectedVersion { get; set; }
}

/// <summary>One stored version: the audit record of a change.</summary>
public sealed record HighThroughputSettingsChangeDto(
    int Version,
    DateTime ChangedAt,
    string ChangedBy,
    Guid? ChangedByKeyId,
    JsonObject? OldSettings,
    JsonObject NewSettings,
    int? RestoredFromVersion);
