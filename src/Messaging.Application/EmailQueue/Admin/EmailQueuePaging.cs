using Messaging.ExceptionHandling;

namespace Messaging.EmailQueue.Admin;

internal static class EmailQueuePaging
{
    public static void Validate(int skipCount, int maxResultCount, int maxPageSize)
    {
        if (skipCount < 0 || maxResultCount < 1 || maxResultCount > maxPageSize)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["maxResultCount"] = [$"skipCount must be 0 or more and maxResultCount between 1 and {maxPageSize}."]
            });
        }
    }
}
