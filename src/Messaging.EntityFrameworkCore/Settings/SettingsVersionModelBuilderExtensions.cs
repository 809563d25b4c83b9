using Messaging.Settings;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Settings;

public static class SettingsVersionModelBuilderExtensions
{
    /// <summary>Maps a module's settings versions to their own table: the host's settings, so no tenant column and no query filter.</summary>
    public static void ConfigureSettingsVersions<TVersion>(this ModelBuilder builder, string tableName)
        where TVersion : SettingsVersion =>
        builder.Entity<TVersion>(version =>
        {
            version.ToTable(tableName);
            version.HasKey(v => v.Version);
            version.Property(v => v.Version).ValueGeneratedNever();
            version.Property(v => v.Settings).IsRequired();
            version.Property(v => v.ChangedBy).HasMaxLength(256).IsRequired();
        });
}
