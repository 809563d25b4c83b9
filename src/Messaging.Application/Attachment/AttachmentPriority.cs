using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.Attachment;

/// <summary>The queue priority of an upload: the tier's (seed property 6), or less when the request asks for less; never more.</summary>
public static class AttachmentPriority
{
    public static int OfTier(TenantTier? tier) =>
        tier is TenantTier.Premium or TenantTier.Enterprise ? AttachmentConsts.PremiumPriority : AttachmentConsts.BasicPriority;

    public static int For(TenantTier? tier, int? requested)
    {
        var tierPriority = OfTier(tier);
        if (requested is null)
        {
            return tierPriority;
        }

        if (requested < 0)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["priority"] = ["The priority is 0 or more."] });
        }

        return Math.Min(requested.Value, tierPriority);
    }
}
