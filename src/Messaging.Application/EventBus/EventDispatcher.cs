using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Messaging.MultiTenancy;
using Messaging.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Messaging.EventBus;

/// <summary>
/// Delivers one event to each of its handlers, each in its own scope and transaction together with its inbox
/// record, in the event's tenant and trace. A handler that already had its effect is skipped; one that fails
/// does not stop the others, and the event reports failure so it is delivered again.
/// </summary>
public sealed partial class EventDispatcher(
    IServiceScopeFactory scopeFactory,
    OutboxMessageFactory factory,
    ICurrentTenant currentTenant,
    TimeProvider clock,
    ILogger<EventDispatcher> logger) : IEventDispatcher
{
    private static readonly MethodInfo InvokeMethod = typeof(EventDispatcher).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<object, IntegrationEvent, CancellationToken, Task>> Invokers = new();

    public async Task<PublishOutcome> DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!factory.Knows(message.EventName))
        {
            return PublishOutcome.NeverDeliverable($"No event type is known by the name '{message.EventName}'.");
        }

        IntegrationEvent eventData;
        try
        {
            eventData = factory.Read(message) ?? throw new JsonException("The payload is null.");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return PublishOutcome.NeverDeliverable($"The payload of '{message.EventName}' cannot be read: {exception.Message}");
        }

        using var tenant = currentTenant.Change(message.TenantId);
        using var correlation = CorrelationContext.Use(message.CorrelationId);
        using var span = EventBusTracing.StartHandle(message);
        var handlerType = typeof(IDistributedEventHandler<>).MakeGenericType(eventData.GetType());
        var handlerCount = CountHandlers(handlerType);
        var failures = new List<string>();
        for (var index = 0; index < handlerCount; index++)
        {
            try
            {
                await HandleOnceAsync(handlerType, index, message.Id, eventData, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, exception, message.EventName, message.Id);
                failures.Add(exception.Message);
            }
        }

        if (failures.Count == 0)
        {
            return PublishOutcome.Ok;
        }

        var error = string.Join(" | ", failures);
        span?.SetStatus(ActivityStatusCode.Error, error);
        return PublishOutcome.Failed(error);
    }

    private int CountHandlers(Type handlerType)
    {
        using var probe = scopeFactory.CreateScope();
        return probe.ServiceProvider.GetServices(handlerType).Count();
    }

    private async Task HandleOnceAsync(Type handlerType, int index, Guid eventId, IntegrationEvent eventData, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices(handlerType).ElementAt(index)!;
        var handlerName = handler.GetType().FullName!;
        var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
        var invoke = Invokers.GetOrAdd(eventData.GetType(),
            type => InvokeMethod.MakeGenericMethod(type).CreateDelegate<Func<object, IntegrationEvent, CancellationToken, Task>>());
        try
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().RunAsync(async token =>
            {
                if (!await inbox.TryRecordAsync(eventId, handlerName, clock.GetUtcNow().UtcDateTime, token))
                {
                    return false;
                }

                await invoke(handler, eventData, token);
                return true;
            }, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent delivery of the same event may have committed first, its inbox record failing ours:
            // that is the inbox doing its job, not a failure.
            if (!await HandledMeanwhileAsync(eventId, handlerName, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> HandledMeanwhileAsync(Guid eventId, string handlerName, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInboxStore>().HasRecordAsync(eventId, handlerName, cancellationToken);
    }

    private static Task InvokeAsync<TEvent>(object handler, IntegrationEvent eventData, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent =>
        ((IDistributedEventHandler<TEvent>)handler).HandleEventAsync((TEvent)eventData, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A handler of {EventName} {EventId} failed; the event will be delivered again")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventName, Guid eventId);
}
