using Messaging.EntityFrameworkCore.Attachment;
using Messaging.Infrastructure.Attachment;

namespace Messaging.Attachment;

/// <summary>The Attachment module in every layer, with its readiness check <c>attachment</c>.</summary>
public static class AttachmentHostModule
{
    public static IServiceCollection AddAttachmentModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services
            .AddAttachmentApplication(configuration, roles.RunsJobs)
            .AddAttachmentEntityFrameworkCore()
            .AddAttachmentInfrastructure(configuration)
            .AddHealthChecks()
            .AddTypeActivatedCheck<AttachmentHealthCheck>("attachment", failureStatus: null, tags: ["ready"], args: roles.RunsJobs);
        return services;
    }
}
