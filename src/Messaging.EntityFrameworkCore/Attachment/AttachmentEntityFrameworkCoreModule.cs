using Messaging.Attachment;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.Attachment;

/// <summary>The Attachment module's repositories on the shared context.</summary>
public static class AttachmentEntityFrameworkCoreModule
{
    public static IServiceCollection AddAttachmentEntityFrameworkCore(this IServiceCollection services)
    {
        services.AddScoped<IAttachmentRepository, EfCoreAttachmentRepository>();
        services.AddScoped<IAttachmentQueueStore, EfCoreAttachmentQueueStore>();
        return services;
    }
}
