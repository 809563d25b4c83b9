namespace Messaging.Json;

/// <summary>
/// Enums travel as their names, matched case-insensitively. Numbers, numeric strings, combinations ("Low,High") and
/// undefined names are refused, so no value without a name ever gets in.
/// </summary>
public static class EnumNames
{
    public static bool TryParse(Type enumType, string? text, out object? value)
    {
        foreach (var name in Enum.GetNames(enumType))
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse(enumType, name);
                return true;
            }
        }

        value = null;
        return false;
    }

    public static string Requirement(Type enumType) => $"The value must be one of: {string.Join(", ", Enum.GetNames(enumType))}.";
}
