using Messaging.CircuitBreaking;
using Messaging.EntityFrameworkCore;
using Messaging.Infrastructure.Security;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Delivery;
using Messaging.Security;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messaging.Messages.Dispatch;

/// <summary>The dispatcher tells tenants with a status callback what became of their messages, in the same commit, as a callback owed in the database.</summary>
public class DispatchStatusCallbackTests
{
    [Fact]
    public async Task SentAndFailedMessages_RaiseStatusEvents_OnlyForTenantsWithACallback()
    {
        var sender = new ScriptedSender { Answer = message => message.Content == "reject" ? SendResult.Permanent("21211", "invalid number") : SendResult.Sent($"p-{message.MessageId:N}") };
        var circuits = Substitute.For<ICircuitBreaker>();
        circuits.AcquireAsync(default, default).ReturnsForAnyArgs(CircuitPermit.Closed);
        await using var harness = await GroupCommitHarness.StartAsync(replace: services =>
        {
            services
                .AddSingleton<IMessageSender>(sender)
                .AddSingleton<IProviderEndpointResolver>(new SingleProviderResolver(sender.Provider))
                .AddSingleton<IProviderCallPolicy, DirectCallPolicy>()
                .AddSingleton(circuits)
                .AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        });
        var (withCallback, without) = (Guid.NewGuid(), Guid.NewGuid());
        await harness.InScopeAsync(async services =>
        {
            using var tenant = harness.CurrentTenant.Change(withCallback);
            return await services.GetRequiredService<IMessageCallbackAppService>().SetAsync(new SetMessageCallbackDto { Url = "https://a.example.com/status" });
        });
        var sent = TestMessages.Sms(withCallback, "hello");
        var rejected = TestMessages.Sms(withCallback, "reject");
        var other = TestMessages.Sms(without, "hello");
        foreach (var message in new[] { sent, rejected, other })
        {
            await harness.IngestAsync(message);
        }

        await harness.StartRelayAsync();
        await Eventually.TrueAsync(async () => await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Messages
            .IgnoreQueryFilters().CountAsync(m => m.Status == MessageStatus.Queued)) == 3, TimeSpan.FromSeconds(20), "the messages are queued");

        (await harness.Services.GetRequiredService<MessageDispatcher>().DispatchOnceAsync(CancellationToken.None)).ShouldBe(3);

        List<PendingStatusCallback> callbacks = [];
        await Eventually.TrueAsync(async () =>
        {
            callbacks = await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<PendingStatusCallback>().AsNoTracking().ToListAsync());
            return callbacks.Count == 2;
        }, TimeSpan.FromSeconds(20), "both status events are owed to the callback");
        callbacks.ShouldAllBe(pending => pending.TenantId == withCallback);
        callbacks.Single(pending => pending.MessageId == sent.Id).Status.ShouldBe(MessageStatus.Sent);
        callbacks.Single(pending => pending.MessageId == sent.Id).ProviderMessageId.ShouldBe($"p-{sent.Id:N}");
        var failed = callbacks.Single(pending => pending.MessageId == rejected.Id);
        failed.Status.ShouldBe(MessageStatus.Failed);
        failed.FailureCode.ShouldBe("21211");
    }
}
