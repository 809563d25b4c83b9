using Messaging.Dtos;

namespace Messaging.Messages;

/// <summary>A tenant's choice of delivery provider per channel, and what the sandbox provider recorded for it.</summary>
public interface IMessageProviderAppService
{
    /// <summary>The providers this deployment can deliver with, and the channels each serves.</summary>
    IReadOnlyList<MessageProviderDto> GetProviders();

    Task<IReadOnlyList<ProviderConfigurationDto>> GetConfigurationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the configuration of one channel.</summary>
    Task<ProviderConfigurationDto> SetConfigurationAsync(MessageChannel channel, SetProviderConfigurationDto input,
        CancellationToken cancellationToken = default);

    Task DeleteConfigurationAsync(MessageChannel channel, CancellationToken cancellationToken = default);

    Task<PagedResultDto<SandboxDeliveryDto>> GetSandboxDeliveriesAsync(GetSandboxDeliveriesInput input, CancellationToken cancellationToken = default);
}
