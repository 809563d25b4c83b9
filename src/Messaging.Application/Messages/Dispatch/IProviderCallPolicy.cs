using Messaging.Messages.Delivery;

namespace Messaging.Messages.Dispatch;

/// <summary>The resilience around one provider call: per-attempt timeout and retries of transient failures.</summary>
public interface IProviderCallPolicy
{
    /// <summary>Runs <paramref name="call"/> under the policy; a timeout or an exhausted retry comes back as a Transient result.</summary>
    Task<SendResult> ExecuteAsync(Func<CancellationToken, Task<SendResult>> call, CancellationToken cancellationToken);
}
