using Messaging.ExceptionHandling;

namespace Messaging.FlowControl;

/// <summary>
/// Refuses the endpoints marked <see cref="ShedUnderMemoryPressureAttribute"/> while the instance sheds load, before
/// their bodies are read: a refusal costs almost nothing, an accepted message holds memory until it commits.
/// </summary>
public sealed class MemoryFlowControlMiddleware(RequestDelegate next, MemoryFlowControl flowControl, FlowControlMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (flowControl.IsShedding && context.GetEndpoint()?.Metadata.GetMetadata<ShedUnderMemoryPressureAttribute>() is not null)
        {
            metrics.Shed("memory");
            throw new ServiceUnavailableException(MessagingErrorCodes.MemoryPressure,
                "This instance is close to its memory limit and sheds load; nothing was stored. Try again shortly.", flowControl.RetryAfter);
        }

        return next(context);
    }
}
