using Messaging.Messages.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers.Sandbox;

public static class SandboxRegistration
{
    /// <summary>The sandbox sends nothing, so nothing reports back: it has no receipt format.</summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services) =>
        services.AddSingleton<IMessageSender, SandboxMessageSender>();
}
