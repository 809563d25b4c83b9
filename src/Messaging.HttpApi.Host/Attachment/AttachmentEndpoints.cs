using Messaging.Authorization;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Messaging.ServerSentEvents;
using Microsoft.AspNetCore.Authorization;

namespace Messaging.Attachment;

/// <summary>The Attachment module's endpoint that needs the SSE hub itself, which the controllers of HttpApi cannot see.</summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("api/app/attachment").WithTags("AttachmentEvents")
            .MapGet("{id:guid}/events", SubscribeAsync)
            .WithName("SubscribeToAttachmentProgress")
            .WithSummary("The attachment's progress as Server-Sent Events, from Queued to Completed or Failed.")
            .WithDescription(
                "Each step is an `event: progress` with `{attachmentId, percent, status, error}` as JSON. Connect with `Last-Event-ID: 0` " +
                "(or `?lastEventId=0`) to get the steps taken so far first, then the rest live; a heartbeat comment comes every 15 s. " +
                "Over a connection limit: 429 with Retry-After before the stream starts.")
            .RequireAuthorization(new AuthorizeAttribute { Policy = MessagingPolicies.Tenant }, new AuthorizeAttribute { Policy = AttachmentPermissions.Default })
            .WithMetadata(new LongLivedStreamAttribute())
            .Produces<string>(StatusCodes.Status200OK, ServerSentEventResponse.ContentType)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task SubscribeAsync(HttpContext context, Guid id, IAttachmentAppService attachments, ICurrentTenant currentTenant)
    {
        await attachments.GetAsync(id, context.RequestAborted);
        await ServerSentEventResponse.StreamAsync(context, AttachmentProgressRelay.Topic(currentTenant.Id!.Value, id));
    }
}
