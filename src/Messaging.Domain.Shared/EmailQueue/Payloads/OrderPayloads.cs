namespace Messaging.EmailQueue.Payloads;

public sealed record OrderItem
{
    public string? Name { get; init; }

    public int? Quantity { get; init; }

    public decimal? UnitPrice { get; init; }
}

/// <summary>Sent to the customer once an order is placed.</summary>
public sealed record OrderConfirmationPayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.OrderConfirmation;

    public string? CustomerName { get; init; }

    public string? OrderNumber { get; init; }

    public IReadOnlyList<OrderItem>? Items { get; init; }

    public decimal? Total { get; init; }

    public string? Currency { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("customerName", CustomerName, EmailQueueConsts.MaxNameLength);
        errors.Text("orderNumber", OrderNumber, EmailQueueConsts.MaxOrderNumberLength);
        errors.NotNegative("total", Total);
        errors.Currency("currency", Currency);
        if (Items is null || Items.Count == 0 || Items.Count > EmailQueueConsts.MaxOrderItems)
        {
            errors.Add("items", $"An order lists 1 to {EmailQueueConsts.MaxOrderItems} items.");
            return;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            if (item is null)
            {
                errors.Add($"items[{i}]", "An item is required.");
                continue;
            }

            errors.Text($"items[{i}].name", item.Name, EmailQueueConsts.MaxShortTextLength);
            if (item.Quantity is not > 0)
            {
                errors.Add($"items[{i}].quantity", "The quantity must be at least 1.");
            }

            errors.NotNegative($"items[{i}].unitPrice", item.UnitPrice);
        }
    }
}

/// <summary>Tells the shop's staff about a new order.</summary>
public sealed record AdminOrderNotificationPayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.AdminOrderNotification;

    public string? OrderNumber { get; init; }

    public string? CustomerName { get; init; }

    public string? CustomerEmail { get; init; }

    public decimal? Total { get; init; }

    public string? Currency { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("orderNumber", OrderNumber, EmailQueueConsts.MaxOrderNumberLength);
        errors.Text("customerName", CustomerName, EmailQueueConsts.MaxNameLength);
        errors.Address("customerEmail", CustomerEmail, required: true);
        errors.NotNegative("total", Total);
        errors.Currency("currency", Currency);
    }
}

/// <summary>Tells the customer that the order left, with the carrier's tracking.</summary>
public sealed record ShippingNotificationPayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.ShippingNotification;

    public string? CustomerName { get; init; }

    public string? OrderNumber { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public string? TrackingUrl { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("customerName", CustomerName, EmailQueueConsts.MaxNameLength);
        errors.Text("orderNumber", OrderNumber, EmailQueueConsts.MaxOrderNumberLength);
        errors.Text("carrier", Carrier, EmailQueueConsts.MaxNameLength);
        errors.Text("trackingNumber", TrackingNumber, EmailQueueConsts.MaxShortTextLength);
        errors.HttpsUrl("trackingUrl", TrackingUrl, required: false);
    }
}

/// <summary>Tells the customer that the order moved to another status.</summary>
public sealed record OrderStatusUpdatePayload : EmailPayload
{
    public override EmailEventType Type => EmailEventType.OrderStatusUpdate;

    public string? CustomerName { get; init; }

    public string? OrderNumber { get; init; }

    public string? Status { get; init; }

    public string? Note { get; init; }

    protected override void ValidateFields(EmailPayloadErrors errors)
    {
        errors.Text("customerName", CustomerName, EmailQueueConsts.MaxNameLength);
        errors.Text("orderNumber", OrderNumber, EmailQueueConsts.MaxOrderNumberLength);
        errors.Text("status", Status, EmailQueueConsts.MaxNameLength);
        errors.Text("note", Note, EmailQueueConsts.MaxMessageLength, required: false);
    }
}
