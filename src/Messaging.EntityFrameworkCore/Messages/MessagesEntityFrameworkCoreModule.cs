using Messaging.Messages;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.Messages.Feed;
using Messaging.Messages.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>The Messages module's repositories and stores on the shared context, and the batch store of the configured database.</summary>
public static class MessagesEntityFrameworkCoreModule
{
    public static IServiceCollection AddMessagesEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(typeof(IMessageBatchStore), DatabaseProviderConfiguration.Read(configuration) switch
        {
            DatabaseProvider.Sqlite => typeof(SqliteMessageBatchStore),
            DatabaseProvider.PostgreSql => typeof(PostgreSqlMessageBatchStore),
            DatabaseProvider.SqlServer => typeof(SqlServerMessageBatchStore),
            var provider => throw new InvalidOperationException($"No batch store for the database provider {provider}.")
        });
        // The batch stores check text against the model's column lengths; the model is built once, from a throwaway context.
        services.AddSingleton(provider =>
        {
            using var scope = provider.CreateScope();
            return new BatchTextColumns(scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Model);
        });
        services.AddScoped<IMessageRepository, EfCoreMessageRepository>();
        services.AddScoped<IMessageDispatchStore, EfCoreMessageDispatchStore>();
        services.AddScoped<IMessageFeedReader, EfCoreMessageFeedReader>();
        services.AddScoped<IProviderConfigurationRepository, EfCoreProviderConfigurationRepository>();
        services.AddScoped<ISandboxDeliveryRepository, EfCoreSandboxDeliveryRepository>();
        services.AddScoped<IProcessedReceiptRepository, EfCoreProcessedReceiptRepository>();
        services.AddScoped<IStatusCallbackRepository, EfCoreStatusCallbackRepository>();
        services.AddScoped<IPendingStatusCallbackStore, EfCorePendingStatusCallbackStore>();
        return services;
    }
}
