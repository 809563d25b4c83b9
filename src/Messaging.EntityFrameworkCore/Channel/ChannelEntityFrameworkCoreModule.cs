using Messaging.Channel;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.Channel;

/// <summary>The Channel module's repositories on the shared context.</summary>
public static class ChannelEntityFrameworkCoreModule
{
    public static IServiceCollection AddChannelEntityFrameworkCore(this IServiceCollection services)
    {
        services.AddScoped<IChannelRepository, EfCoreChannelRepository>();
        services.AddScoped<IChannelListReader, EfCoreChannelListReader>();
        services.AddScoped<IDelayedMessageStore, EfCoreDelayedMessageStore>();
        return services;
    }
}
