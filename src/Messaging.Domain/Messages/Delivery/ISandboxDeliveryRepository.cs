namespace Messaging.Messages.Delivery;

public interface ISandboxDeliveryRepository
{
    /// <summary>Stores the delivery unless one for the same message exists.</summary>
    /// <returns>False when the message had been recorded before (a retry or a redelivery).</returns>
    Task<bool> TryRecordAsync(SandboxDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>The tenant's recorded deliveries, newest first.</summary>
    Task<(long TotalCount, IReadOnlyList<SandboxDelivery> Items)> GetListAsync(Guid tenantId, Guid? messageId, int skip, int take,
        CancellationToken cancellationToken = default);
}
