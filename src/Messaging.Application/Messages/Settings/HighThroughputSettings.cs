using Messaging.Settings;

namespace Messaging.Messages.Settings;

public static class HighThroughputSettings
{
    public static readonly RuntimeSettingsDefinition<HighThroughputOptions> Definition =
        new(HighThroughputOptions.SectionName, "settings.high-throughput");

    public static OptionsDocument<HighThroughputOptions> Document => Definition.Document;
}
