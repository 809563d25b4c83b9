using Messaging.ExceptionHandling;

namespace Messaging.TenantManagement;

internal static class TenantInput
{
    public static string RequireName(string? value, string field, int maxLength)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > maxLength)
        {
            throw Invalid(field, $"The {field} is required and must be at most {maxLength} characters.");
        }

        return name;
    }

    public static InputValidationException Invalid(string field, string problem) =>
        new(new Dictionary<string, string[]> { [field] = [problem] });
}
