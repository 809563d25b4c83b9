namespace Messaging.Messages.Receipts;

public static class ReceiptConsts
{
    /// <summary>Receipt bodies larger than this are refused with 413 before any parsing work.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Statuses one receipt request may carry; a provider batches, but not without bound.</summary>
    public const int MaxStatusesPerRequest = 1000;

    public const int MaxReceiptIdLength = 256;
    public const int MaxProviderStatusLength = 32;
}
